      * ROUNDED versus truncation across signs and scales.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. ROUNDING.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 SOURCE-VALS.
          05 SRC PIC S9(3)V9(4) OCCURS 8.
       01 I          PIC 9.
       01 T0         PIC S9(3).
       01 T1         PIC S9(3)V9.
       01 T2         PIC S9(3)V99.
       01 R0         PIC S9(3).
       01 R1         PIC S9(3)V9.
       01 R2         PIC S9(3)V99.
       01 U2         PIC 9(3)V99.
       PROCEDURE DIVISION.
           MOVE 1.5 TO SRC (1)
           MOVE 2.5 TO SRC (2)
           MOVE -1.5 TO SRC (3)
           MOVE 0.0049 TO SRC (4)
           MOVE 0.005 TO SRC (5)
           MOVE -0.005 TO SRC (6)
           MOVE 999.9999 TO SRC (7)
           MOVE -12.3456 TO SRC (8)
           PERFORM VARYING I FROM 1 BY 1 UNTIL I > 8
               MOVE SRC (I) TO T0 T1 T2 U2
               COMPUTE R0 ROUNDED = SRC (I)
               COMPUTE R1 ROUNDED = SRC (I)
               COMPUTE R2 ROUNDED = SRC (I)
                   ON SIZE ERROR DISPLAY "R2 SIZE ERROR"
               END-COMPUTE
               DISPLAY SRC (I) " T:" T0 " " T1 " " T2
                       " R:" R0 " " R1 " " R2 " U:" U2
           END-PERFORM
           STOP RUN.
