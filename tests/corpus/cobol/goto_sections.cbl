      * PERFORM THRU with GO TO exits, loop restarts and sections.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. GOTOSEC.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 N           PIC 99 VALUE 0.
       01 TOTAL       PIC 9(4) VALUE 0.
       01 TRIES       PIC 99 VALUE 0.
       PROCEDURE DIVISION.
       MAIN SECTION.
       M-START.
           PERFORM CHECK-N THRU CHECK-N-EXIT
               VARYING N FROM 1 BY 1 UNTIL N > 10
           DISPLAY "TOTAL " TOTAL
           PERFORM RETRY-LOOP
           DISPLAY "TRIES " TRIES
           PERFORM SUMMARY
           STOP RUN.
       CHECK-N.
           IF N = 3 OR 5 OR 7
               GO TO CHECK-N-EXIT
           END-IF
           ADD N TO TOTAL.
       CHECK-N-EXIT.
           EXIT.
       RETRY-LOOP.
           ADD 1 TO TRIES
           IF TRIES < 5
               GO TO RETRY-LOOP
           END-IF.
       SUMMARY SECTION.
       S-ONE.
           DISPLAY "SUMMARY ONE".
       S-TWO.
           DISPLAY "SUMMARY TWO " N.
