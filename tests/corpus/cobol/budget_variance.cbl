      * Budget versus actual: signed variances, percentages, flags.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. BUDGET.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 LINES-TABLE.
          05 BUDGET-LINE OCCURS 5.
             10 B-DEPT     PIC X(6).
             10 B-PLAN     PIC 9(6)V99.
             10 B-ACTUAL   PIC 9(6)V99.
       01 I                PIC 9.
       01 VARIANCE         PIC S9(6)V99.
       01 PCT              PIC S9(3)V9.
       01 NET-VARIANCE     PIC S9(7)V99 VALUE 0.
       01 O-VAR            PIC +ZZZ,ZZ9.99.
       01 O-PCT            PIC +ZZ9.9.
       01 O-NET            PIC -Z,ZZZ,ZZ9.99.
       PROCEDURE DIVISION.
           MOVE "SALES 0100000000095000.50" TO BUDGET-LINE (1)
           MOVE "IT    0050000000062500.00" TO BUDGET-LINE (2)
           MOVE "HR    0002000000002000.00" TO BUDGET-LINE (3)
           MOVE "OPS   0000000000000100.00" TO BUDGET-LINE (4)
           MOVE "LEGAL 0012345600000000.00" TO BUDGET-LINE (5)
           PERFORM VARYING I FROM 1 BY 1 UNTIL I > 5
               COMPUTE VARIANCE = B-ACTUAL (I) - B-PLAN (I)
               ADD VARIANCE TO NET-VARIANCE
               IF B-PLAN (I) = ZERO
                   MOVE ZERO TO PCT
               ELSE
                   COMPUTE PCT ROUNDED =
                       VARIANCE * 100 / B-PLAN (I)
               END-IF
               MOVE VARIANCE TO O-VAR
               MOVE PCT TO O-PCT
               DISPLAY B-DEPT (I) O-VAR O-PCT "% " WITH NO ADVANCING
               IF VARIANCE > 0
                   DISPLAY "OVER"
               ELSE
                   IF VARIANCE < 0
                       DISPLAY "UNDER"
                   ELSE
                       DISPLAY "ON PLAN"
                   END-IF
               END-IF
           END-PERFORM
           MOVE NET-VARIANCE TO O-NET
           DISPLAY "NET " O-NET
           STOP RUN.
