      * Sales commission by tier with EVALUATE ... THRU and bonuses.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. COMMISN.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 SALES-TABLE.
          05 REP OCCURS 6.
             10 REP-NAME   PIC X(8).
             10 REP-SALES  PIC 9(7)V99.
             10 REP-YEARS  PIC 99.
       01 I                PIC 9.
       01 RATE             PIC V999.
       01 COMMISSION       PIC 9(6)V99.
       01 BONUS            PIC 9(5)V99.
       01 TOTAL-PAID       PIC 9(8)V99 VALUE 0.
       01 O-SALES          PIC Z,ZZZ,ZZ9.99.
       01 O-COMM           PIC ZZZ,ZZ9.99.
       01 O-RATE           PIC .999.
       PROCEDURE DIVISION.
           MOVE "ABLE    00150000001" TO REP (1)
           MOVE "BAKER   00499999903" TO REP (2)
           MOVE "CHARLIE 00500000010" TO REP (3)
           MOVE "DOG     01000000025" TO REP (4)
           MOVE "EASY    09999999900" TO REP (5)
           MOVE "FOX     00000000040" TO REP (6)
           PERFORM VARYING I FROM 1 BY 1 UNTIL I > 6
               EVALUATE REP-SALES (I)
                   WHEN 0 THRU 2500 MOVE .010 TO RATE
                   WHEN 2500.01 THRU 4999.99 MOVE .025 TO RATE
                   WHEN 5000 THRU 9999.99 MOVE .040 TO RATE
                   WHEN OTHER MOVE .055 TO RATE
               END-EVALUATE
               COMPUTE COMMISSION ROUNDED = REP-SALES (I) * RATE
               EVALUATE REP-YEARS (I)
                   WHEN 0 MOVE 0 TO BONUS
                   WHEN 1 THRU 9 COMPUTE BONUS = COMMISSION * 0.05
                   WHEN 10 THRU 19 COMPUTE BONUS = COMMISSION * 0.1
                   WHEN OTHER COMPUTE BONUS ROUNDED = COMMISSION / 6
               END-EVALUATE
               ADD BONUS TO COMMISSION
               ADD COMMISSION TO TOTAL-PAID
               MOVE REP-SALES (I) TO O-SALES
               MOVE COMMISSION TO O-COMM
               MOVE RATE TO O-RATE
               DISPLAY REP-NAME (I) O-SALES " @" O-RATE " = " O-COMM
           END-PERFORM
           MOVE TOTAL-PAID TO O-SALES
           DISPLAY "TOTAL PAID " O-SALES
           STOP RUN.
