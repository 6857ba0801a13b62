      * Outgoing payment screening: the batch driver passes each
      * payment to LIMITCHK, which leaves early with GOBACK / EXIT
      * PROGRAM from the paragraphs it PERFORMs and reports through
      * RETURN-CODE: 8 rejected, 4 reduced to the daily limit.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. PAYSCRN.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 PAYMENT.
          05 PAY-REF         PIC X(6).
          05 PAY-CURRENCY    PIC XXX.
          05 PAY-AMOUNT      PIC S9(7)V99.
       01 WS-CHECK-RC        PIC 9.
       01 WS-EOF             PIC X VALUE "N".
          88 NO-MORE         VALUE "Y".
       01 WS-COUNTS.
          05 WS-RELEASED     PIC 9(3) VALUE 0.
          05 WS-REDUCED      PIC 9(3) VALUE 0.
          05 WS-REJECTED     PIC 9(3) VALUE 0.
       01 WS-RELEASED-AMT    PIC S9(9)V99 VALUE 0.
       01 WS-AMOUNT-OUT      PIC Z,ZZZ,ZZ9.99-.
       PROCEDURE DIVISION.
       MAIN-LINE.
           PERFORM UNTIL NO-MORE
               ACCEPT PAYMENT
               IF PAY-REF = "END" OR PAY-REF = SPACES
                   SET NO-MORE TO TRUE
               ELSE
                   PERFORM SCREEN-PAYMENT
               END-IF
           END-PERFORM
           MOVE WS-RELEASED-AMT TO WS-AMOUNT-OUT
           DISPLAY "RELEASED " WS-RELEASED " REDUCED " WS-REDUCED
                   " REJECTED " WS-REJECTED
           DISPLAY "RELEASED AMOUNT " WS-AMOUNT-OUT
      *    The job step's condition code: 4 when payments were held.
           IF WS-REJECTED > 0
               MOVE 4 TO RETURN-CODE
           ELSE
               MOVE 0 TO RETURN-CODE
           END-IF
           STOP RUN.
       SCREEN-PAYMENT.
           CALL "LIMITCHK" USING PAYMENT
           MOVE RETURN-CODE TO WS-CHECK-RC
           MOVE PAY-AMOUNT TO WS-AMOUNT-OUT
           EVALUATE WS-CHECK-RC
               WHEN 8
                   ADD 1 TO WS-REJECTED
                   DISPLAY PAY-REF " REJECTED"
               WHEN 4
                   ADD 1 TO WS-REDUCED
                   ADD PAY-AMOUNT TO WS-RELEASED-AMT
                   DISPLAY PAY-REF " REDUCED TO " WS-AMOUNT-OUT
               WHEN OTHER
                   ADD 1 TO WS-RELEASED
                   ADD PAY-AMOUNT TO WS-RELEASED-AMT
                   DISPLAY PAY-REF " RELEASED " WS-AMOUNT-OUT
           END-EVALUATE.
       END PROGRAM PAYSCRN.

       IDENTIFICATION DIVISION.
       PROGRAM-ID. LIMITCHK.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 WS-LIMIT           PIC S9(7)V99.
       01 WS-USED-TODAY      PIC S9(9)V99 VALUE 0.
       LINKAGE SECTION.
       01 LS-PAYMENT.
          05 LS-REF          PIC X(6).
          05 LS-CURRENCY     PIC XXX.
             88 LS-HOME-CCY  VALUE "EUR".
          05 LS-AMOUNT       PIC S9(7)V99.
       PROCEDURE DIVISION USING LS-PAYMENT.
       0000-CHECK.
           MOVE 0 TO RETURN-CODE
           PERFORM 1000-CHECK-SIGN
           PERFORM 2000-SET-LIMIT THRU 2000-EXIT
           PERFORM 3000-APPLY-LIMIT.
       0000-DONE.
           ADD LS-AMOUNT TO WS-USED-TODAY
           GOBACK.
       1000-CHECK-SIGN.
           IF LS-AMOUNT NOT > 0
               MOVE 8 TO RETURN-CODE
               GOBACK
           END-IF.
       2000-SET-LIMIT.
           IF LS-HOME-CCY
               MOVE 25000 TO WS-LIMIT
               GO TO 2000-EXIT
           END-IF
           MOVE 10000 TO WS-LIMIT.
       2000-EXIT.
           EXIT.
       3000-APPLY-LIMIT.
           IF WS-USED-TODAY + LS-AMOUNT > 40000
               MOVE 8 TO RETURN-CODE
               EXIT PROGRAM
           END-IF
           IF LS-AMOUNT > WS-LIMIT
               MOVE WS-LIMIT TO LS-AMOUNT
               MOVE 4 TO RETURN-CODE
           END-IF.
       END PROGRAM LIMITCHK.
