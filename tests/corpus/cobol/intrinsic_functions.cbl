      * Intrinsic functions in arithmetic and moves: MOD, REM, INTEGER,
      * INTEGER-PART, ABS, MAX, MIN, UPPER-CASE, LOWER-CASE.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. INTRINS.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 VALS.
          05 V          PIC S9(3)V99 OCCURS 5.
       01 I             PIC 9.
       01 R-MOD         PIC S9(3).
       01 R-REM         PIC S9(3).
       01 R-INT         PIC S9(3).
       01 R-IPART       PIC S9(3).
       01 R-ABS         PIC 9(3)V99.
       01 R-MAX         PIC S9(3)V99.
       01 R-MIN         PIC S9(3)V99.
       01 NAME-IN       PIC X(12) VALUE "MiXeD Case 1".
       01 NAME-OUT      PIC X(12).
       01 WEEKDAY       PIC 9.
       01 DAY-NO        PIC 9(5) VALUE 45291.
       PROCEDURE DIVISION.
           MOVE 7.5 TO V (1)
           MOVE -7.5 TO V (2)
           MOVE 0 TO V (3)
           MOVE -0.01 TO V (4)
           MOVE 123.99 TO V (5)
           PERFORM VARYING I FROM 1 BY 1 UNTIL I > 5
               COMPUTE R-MOD = FUNCTION MOD (FUNCTION INTEGER (V (I)) 4)
               COMPUTE R-REM = FUNCTION REM (FUNCTION INTEGER (V (I)) 4)
               COMPUTE R-INT = FUNCTION INTEGER (V (I))
               COMPUTE R-IPART = FUNCTION INTEGER-PART (V (I))
               COMPUTE R-ABS = FUNCTION ABS (V (I))
               COMPUTE R-MAX = FUNCTION MAX (V (1) V (2) V (I))
               COMPUTE R-MIN = FUNCTION MIN (V (I) 0 -1)
               DISPLAY V (I) " " R-MOD " " R-REM " " R-INT " "
                       R-IPART " " R-ABS " " R-MAX " " R-MIN
           END-PERFORM
           MOVE FUNCTION UPPER-CASE (NAME-IN) TO NAME-OUT
           DISPLAY "[" NAME-OUT "]"
           MOVE FUNCTION LOWER-CASE (NAME-IN) TO NAME-OUT
           DISPLAY "[" NAME-OUT "]"
           COMPUTE WEEKDAY = FUNCTION MOD (DAY-NO, 7) + 1
           DISPLAY "WEEKDAY " WEEKDAY
           STOP RUN.
