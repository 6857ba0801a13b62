      * Loan eligibility rules: nested conditions, NOT, class tests.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. ELIGIBLE.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 APPLICANT.
          05 APP-ID        PIC X(4).
          05 APP-AGE       PIC X(2).
          05 APP-INCOME    PIC 9(6).
          05 APP-DEBT      PIC 9(6).
          05 APP-EMPLOYED  PIC X.
       01 AGE-NUM          PIC 99.
       01 RATIO            PIC 9V9(4).
       01 DECISION         PIC X(8).
       01 APPROVED-COUNT   PIC 99 VALUE 0.
       PROCEDURE DIVISION.
           PERFORM 5 TIMES
               ACCEPT APPLICANT
               PERFORM DECIDE
               DISPLAY APP-ID " " DECISION " " RATIO
           END-PERFORM
           DISPLAY "APPROVED " APPROVED-COUNT
           STOP RUN.
       DECIDE.
           MOVE ZERO TO RATIO
           IF APP-AGE IS NOT NUMERIC
               MOVE "BAD AGE" TO DECISION
           ELSE
               MOVE APP-AGE TO AGE-NUM
               IF APP-INCOME = ZERO
                   MOVE "NO INC" TO DECISION
               ELSE
                   COMPUTE RATIO ROUNDED = APP-DEBT / APP-INCOME
                   IF (AGE-NUM >= 18 AND AGE-NUM <= 70)
                      AND NOT RATIO > 0.4
                      AND (APP-EMPLOYED = "Y" OR APP-INCOME > 100000)
                       MOVE "APPROVED" TO DECISION
                       ADD 1 TO APPROVED-COUNT
                   ELSE
                       MOVE "DECLINED" TO DECISION
                   END-IF
               END-IF
           END-IF.
