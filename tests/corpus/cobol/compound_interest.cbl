      * Compound interest year by year, compared with the closed form.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. COMPOUND.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 DEPOSIT        PIC 9(7)V99 VALUE 10000.
       01 RATE           PIC 9V9(4) VALUE 0.0375.
       01 YEARS          PIC 99 VALUE 10.
       01 BALANCE        PIC 9(9)V99.
       01 CLOSED-FORM    PIC 9(9)V99.
       01 YEAR-NO        PIC 99 VALUE 0.
       01 YEAR-INT       PIC 9(7)V99.
       01 O-BAL          PIC $$$,$$$,$$9.99.
       01 O-DIFF         PIC +ZZ9.99.
       01 DIFF           PIC S9(3)V99.
       PROCEDURE DIVISION.
           MOVE DEPOSIT TO BALANCE
           PERFORM YEARS TIMES
               ADD 1 TO YEAR-NO
               COMPUTE YEAR-INT ROUNDED = BALANCE * RATE
               ADD YEAR-INT TO BALANCE
               MOVE BALANCE TO O-BAL
               DISPLAY "YEAR " YEAR-NO O-BAL
           END-PERFORM
           COMPUTE CLOSED-FORM ROUNDED = DEPOSIT * (1 + RATE) ** YEARS
           MOVE CLOSED-FORM TO O-BAL
           DISPLAY "CLOSED  " O-BAL
           COMPUTE DIFF = BALANCE - CLOSED-FORM
           MOVE DIFF TO O-DIFF
           DISPLAY "DIFF    " O-DIFF
           STOP RUN.
