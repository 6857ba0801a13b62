      * Pension pot projection every 5 years with contributions and
      * growth; annuity estimate at retirement.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. PENSION.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 POT           PIC 9(9)V99 VALUE 15000.
       01 CONTRIB       PIC 9(6)V99 VALUE 6000.
       01 GROWTH        PIC 9V9(4) VALUE 0.0525.
       01 AGE           PIC 99 VALUE 35.
       01 RETIRE-AGE    PIC 99 VALUE 67.
       01 YEAR-COUNT    PIC 99.
       01 ANNUITY-RATE  PIC 9V9(4) VALUE 0.0475.
       01 ANNUITY       PIC 9(7)V99.
       01 MONTHLY       PIC 9(6)V99.
       01 O-POT         PIC $$$,$$$,$$9.99.
       01 O-MONTHLY     PIC $$$,$$9.99.
       PROCEDURE DIVISION.
           PERFORM VARYING YEAR-COUNT FROM 0 BY 1
                   UNTIL AGE + YEAR-COUNT >= RETIRE-AGE
               COMPUTE POT ROUNDED = POT * (1 + GROWTH) + CONTRIB
               IF CONTRIB < 12000
                   COMPUTE CONTRIB ROUNDED = CONTRIB * 1.03
               END-IF
           END-PERFORM
           MOVE POT TO O-POT
           DISPLAY "POT AT " RETIRE-AGE ": " O-POT
           COMPUTE ANNUITY ROUNDED = POT * ANNUITY-RATE
           DIVIDE ANNUITY BY 12 GIVING MONTHLY ROUNDED
           MOVE MONTHLY TO O-MONTHLY
           DISPLAY "MONTHLY INCOME " O-MONTHLY
           COMPUTE POT ROUNDED = 15000 * (1 + GROWTH) ** 32
           MOVE POT TO O-POT
           DISPLAY "NO CONTRIBUTIONS " O-POT
           STOP RUN.
