      * Daily branch consolidation: each teller's day record is posted
      * to its branch totals and to the bank totals with ADD
      * CORRESPONDING, reversals are taken out with SUBTRACT
      * CORRESPONDING, and the report line is built with MOVE
      * CORRESPONDING from the totals.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. BRCONS.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 TELLER-DAY.
          05 TD-KIND          PIC X.
             88 TD-REVERSAL   VALUE "R".
          05 BRANCH-ID        PIC X(4).
          05 TELLER-ID        PIC X(4).
          05 COUNTS.
             10 DEPOSIT-COUNT     PIC 9(3).
             10 WITHDRAWAL-COUNT  PIC 9(3).
          05 AMOUNTS.
             10 DEPOSIT-AMT       PIC 9(7)V99.
             10 WITHDRAWAL-AMT    PIC 9(7)V99.
             10 FEE-AMT           PIC 9(3)V99.
       01 BRANCH-TOTALS.
          05 BRANCH-ID        PIC X(4) VALUE SPACES.
          05 COUNTS.
             10 DEPOSIT-COUNT     PIC 9(5) VALUE 0.
             10 WITHDRAWAL-COUNT  PIC 9(5) VALUE 0.
          05 AMOUNTS.
             10 DEPOSIT-AMT       PIC S9(9)V99 VALUE 0.
             10 WITHDRAWAL-AMT    PIC S9(9)V99 VALUE 0.
             10 FEE-AMT           PIC S9(5)V99 VALUE 0.
             10 FILLER            PIC X(3) VALUE "EUR".
       01 BANK-TOTALS.
          05 COUNTS.
             10 DEPOSIT-COUNT     PIC 9(6) VALUE 0.
             10 WITHDRAWAL-COUNT  PIC 9(6) VALUE 0.
          05 AMOUNTS.
             10 DEPOSIT-AMT       PIC S9(3)V99 VALUE 0.
             10 WITHDRAWAL-AMT    PIC S9(10)V99 VALUE 0.
             10 FEE-AMT           PIC S9(6)V99 VALUE 0.
       01 REPORT-LINE.
          05 BRANCH-ID        PIC X(4).
          05 FILLER           PIC X(2) VALUE SPACES.
          05 COUNTS.
             10 DEPOSIT-COUNT     PIC ZZZZ9.
             10 FILLER            PIC X VALUE SPACE.
             10 WITHDRAWAL-COUNT  PIC ZZZZ9.
          05 FILLER           PIC X(2) VALUE SPACES.
          05 AMOUNTS.
             10 DEPOSIT-AMT       PIC ZZZ,ZZZ,ZZ9.99-.
             10 WITHDRAWAL-AMT    PIC ZZZ,ZZZ,ZZ9.99-.
             10 FEE-AMT           PIC ZZ,ZZ9.99-.
       01 INPUT-LINE          PIC X(38).
       01 EOF-FLAG            PIC X VALUE "N".
          88 NO-MORE-INPUT    VALUE "Y".
       01 OVERFLOW-COUNT      PIC 99 VALUE 0.
       PROCEDURE DIVISION.
       MAIN-LINE.
           DISPLAY "BRCH  DEPS  WDRS         DEPOSITS    WITHDRAWALS"
                   "       FEES"
           PERFORM READ-TELLER-DAY
           PERFORM POST-TELLER-DAY UNTIL NO-MORE-INPUT
           IF BRANCH-ID OF BRANCH-TOTALS NOT = SPACES
               PERFORM PRINT-BRANCH
           END-IF
           MOVE "BANK" TO BRANCH-ID OF REPORT-LINE
           MOVE CORRESPONDING BANK-TOTALS TO REPORT-LINE
           DISPLAY REPORT-LINE
           DISPLAY "BANK DEPOSIT TOTAL OVERFLOWS: " OVERFLOW-COUNT
           STOP RUN.
       READ-TELLER-DAY.
           ACCEPT INPUT-LINE
           IF INPUT-LINE = SPACES
               SET NO-MORE-INPUT TO TRUE
           ELSE
               MOVE INPUT-LINE TO TELLER-DAY
           END-IF.
       POST-TELLER-DAY.
           IF BRANCH-ID OF TELLER-DAY NOT = BRANCH-ID OF BRANCH-TOTALS
               IF BRANCH-ID OF BRANCH-TOTALS NOT = SPACES
                   PERFORM PRINT-BRANCH
               END-IF
               INITIALIZE COUNTS OF BRANCH-TOTALS
                          AMOUNTS OF BRANCH-TOTALS
               MOVE BRANCH-ID OF TELLER-DAY
                 TO BRANCH-ID OF BRANCH-TOTALS
           END-IF
           IF TD-REVERSAL
               SUBTRACT CORRESPONDING AMOUNTS OF TELLER-DAY
                   FROM AMOUNTS OF BRANCH-TOTALS
               SUBTRACT CORR AMOUNTS OF TELLER-DAY
                   FROM AMOUNTS OF BANK-TOTALS
                   ON SIZE ERROR ADD 1 TO OVERFLOW-COUNT
               END-SUBTRACT
           ELSE
               ADD CORRESPONDING TELLER-DAY TO BRANCH-TOTALS
               ADD CORR COUNTS OF TELLER-DAY TO COUNTS OF BANK-TOTALS
               ADD CORR AMOUNTS OF TELLER-DAY TO AMOUNTS OF BANK-TOTALS
                   ROUNDED
                   ON SIZE ERROR ADD 1 TO OVERFLOW-COUNT
                   NOT ON SIZE ERROR CONTINUE
               END-ADD
           END-IF
           PERFORM READ-TELLER-DAY.
       PRINT-BRANCH.
           MOVE CORRESPONDING BRANCH-TOTALS TO REPORT-LINE
           DISPLAY REPORT-LINE.
