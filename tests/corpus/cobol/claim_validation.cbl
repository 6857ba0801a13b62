      * Claim intake edit: the nightly validation of insurance claims
      * before adjudication. Written in the old style, where NEXT
      * SENTENCE skips the rest of a sentence - including statements
      * after END-IF, the classic trap when code is modernised.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. CLMEDIT.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 CLAIM-IN.
          05 CLM-ID          PIC X(8).
          05 CLM-POLICY      PIC X(6).
          05 CLM-TYPE        PIC X.
             88 CLM-MEDICAL  VALUE "M".
             88 CLM-DENTAL   VALUE "D".
             88 CLM-VISION   VALUE "V".
          05 CLM-AMOUNT      PIC 9(5)V99.
          05 CLM-DAYS        PIC 9(3).
       01 WS-EOF             PIC X VALUE "N".
          88 NO-MORE-CLAIMS  VALUE "Y".
       01 WS-ERRORS          PIC 9 VALUE 0.
       01 WS-REASON          PIC X(20).
       01 WS-COUNTS.
          05 WS-READ         PIC 9(3) VALUE 0.
          05 WS-ACCEPTED     PIC 9(3) VALUE 0.
          05 WS-REJECTED     PIC 9(3) VALUE 0.
          05 WS-ZERO-AMOUNT  PIC 9(3) VALUE 0.
          05 WS-PRICED       PIC 9(3) VALUE 0.
       01 WS-TOTAL           PIC 9(7)V99 VALUE 0.
       01 WS-TOTAL-OUT       PIC Z,ZZZ,ZZ9.99.
       01 WS-AMOUNT-OUT      PIC ZZ,ZZ9.99.
       PROCEDURE DIVISION.
       MAIN-LINE.
           PERFORM READ-CLAIM
           PERFORM EDIT-CLAIM THRU EDIT-CLAIM-EXIT
               UNTIL NO-MORE-CLAIMS
           MOVE WS-TOTAL TO WS-TOTAL-OUT
           DISPLAY "READ     " WS-READ
           DISPLAY "ACCEPTED " WS-ACCEPTED
           DISPLAY "REJECTED " WS-REJECTED
           DISPLAY "NIL AMT  " WS-ZERO-AMOUNT
           DISPLAY "PRICED   " WS-PRICED
           DISPLAY "TOTAL    " WS-TOTAL-OUT
           STOP RUN.
       READ-CLAIM.
           ACCEPT CLAIM-IN
           IF CLM-ID = "END" OR CLM-ID = SPACES
               SET NO-MORE-CLAIMS TO TRUE
           ELSE
               ADD 1 TO WS-READ.
       EDIT-CLAIM.
           MOVE 0 TO WS-ERRORS
           MOVE SPACES TO WS-REASON.
      *    A valid type needs no action: NEXT SENTENCE ends the IF.
           IF CLM-MEDICAL OR CLM-DENTAL OR CLM-VISION
               NEXT SENTENCE
           ELSE
               ADD 1 TO WS-ERRORS
               MOVE "BAD CLAIM TYPE" TO WS-REASON.
           IF CLM-POLICY IS NUMERIC
               IF CLM-DAYS > 365
                   ADD 1 TO WS-ERRORS
                   MOVE "FILED TOO LATE" TO WS-REASON
               ELSE
                   NEXT SENTENCE
           ELSE
               ADD 1 TO WS-ERRORS
               MOVE "POLICY NOT NUMERIC" TO WS-REASON.
           IF WS-ERRORS > 0
               ADD 1 TO WS-REJECTED
               DISPLAY CLM-ID " REJECTED " WS-REASON
               PERFORM READ-CLAIM
               GO TO EDIT-CLAIM-EXIT.
      *    Nil claims skip pricing AND the counter after END-IF: NEXT
      *    SENTENCE leaves the whole sentence, up to the period.
           IF CLM-AMOUNT = ZERO
               ADD 1 TO WS-ZERO-AMOUNT
               NEXT SENTENCE
           ELSE
               PERFORM PRICE-CLAIM
           END-IF
           ADD 1 TO WS-PRICED.
           PERFORM VARYING WS-ERRORS FROM 1 BY 1 UNTIL WS-ERRORS > 3
               IF CLM-DAYS > 90 AND WS-ERRORS = 2
                   DISPLAY CLM-ID " LATE SUBMISSION"
                   NEXT SENTENCE
               END-IF
           END-PERFORM
           DISPLAY CLM-ID " CHECKED TWICE".
           ADD 1 TO WS-ACCEPTED
           PERFORM READ-CLAIM.
       EDIT-CLAIM-EXIT.
           EXIT.
       PRICE-CLAIM.
           IF CLM-DENTAL
               COMPUTE CLM-AMOUNT = CLM-AMOUNT * 0.8
           END-IF
           ADD CLM-AMOUNT TO WS-TOTAL
           MOVE CLM-AMOUNT TO WS-AMOUNT-OUT
           DISPLAY CLM-ID " PRICED " WS-AMOUNT-OUT.
