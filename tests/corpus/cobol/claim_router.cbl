      * Claim routing: the intake job asks ROUTECLM, an old routine
      * kept as written, which desk handles each claim category. The
      * routine dispatches with GO TO ... DEPENDING ON, leaves early
      * with GOBACK from a PERFORMed check, and falls through
      * paragraphs, so it is translated with a state machine.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. CLMINTAK.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 CLAIM.
          05 CLM-ID          PIC X(6).
          05 CLM-CATEGORY    PIC 9.
          05 CLM-AMOUNT      PIC 9(6)V99.
       01 WS-DESK            PIC X(12).
       01 WS-ROUTE-RC        PIC 9.
       01 WS-EOF             PIC X VALUE "N".
          88 NO-MORE         VALUE "Y".
       01 WS-REFERRED        PIC 9(3) VALUE 0.
       PROCEDURE DIVISION.
       MAIN-LINE.
           PERFORM UNTIL NO-MORE
               ACCEPT CLAIM
               IF CLM-ID = "END" OR CLM-ID = SPACES
                   SET NO-MORE TO TRUE
               ELSE
                   CALL "ROUTECLM" USING CLAIM WS-DESK
                   MOVE RETURN-CODE TO WS-ROUTE-RC
                   IF WS-ROUTE-RC > 0
                       ADD 1 TO WS-REFERRED
                   END-IF
                   DISPLAY CLM-ID " " WS-DESK " RC " WS-ROUTE-RC
               END-IF
           END-PERFORM
           DISPLAY "REFERRED " WS-REFERRED
           MOVE 0 TO RETURN-CODE
           STOP RUN.
       END PROGRAM CLMINTAK.

       IDENTIFICATION DIVISION.
       PROGRAM-ID. ROUTECLM.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 WS-ROUTED          PIC 9(3) VALUE 0.
       LINKAGE SECTION.
       01 LS-CLAIM.
          05 LS-ID           PIC X(6).
          05 LS-CATEGORY     PIC 9.
          05 LS-AMOUNT       PIC 9(6)V99.
       01 LS-DESK            PIC X(12).
       PROCEDURE DIVISION USING LS-CLAIM LS-DESK.
       0000-ROUTE.
           MOVE 0 TO RETURN-CODE
           ADD 1 TO WS-ROUTED
           PERFORM 0100-SCREEN THRU 0100-EXIT
           GO TO 1000-MOTOR 2000-PROPERTY 3000-LIABILITY
               DEPENDING ON LS-CATEGORY.
           MOVE "GENERAL" TO LS-DESK.
       1000-MOTOR.
           MOVE "MOTOR" TO LS-DESK
           GO TO 9000-LARGE-LOSS.
       2000-PROPERTY.
           MOVE "PROPERTY" TO LS-DESK
           GOBACK.
       3000-LIABILITY.
           MOVE "LIABILITY" TO LS-DESK.
       9000-LARGE-LOSS.
           IF LS-AMOUNT > 50000
               MOVE "LARGE LOSS" TO LS-DESK
               MOVE 1 TO RETURN-CODE
           END-IF.
       0100-SCREEN.
           IF LS-AMOUNT = 0
               MOVE "NIL CLAIM" TO LS-DESK
               MOVE 9 TO RETURN-CODE
               GOBACK
           END-IF
           GO TO 0100-EXIT.
       0100-EXIT.
           EXIT.
