      * Loop forms: WITH TEST AFTER, inline UNTIL, nested TIMES,
      * out-of-line PERFORM UNTIL with a paragraph.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. LOOPS.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 COUNTER     PIC 99 VALUE 0.
       01 OUTER       PIC 99 VALUE 0.
       01 INNER       PIC 99 VALUE 0.
       01 TOTAL       PIC 9(4) VALUE 0.
       01 TIMES-N     PIC 9 VALUE 3.
       PROCEDURE DIVISION.
           PERFORM WITH TEST AFTER UNTIL COUNTER >= 0
               ADD 1 TO COUNTER
           END-PERFORM
           DISPLAY "TEST AFTER RAN " COUNTER
           MOVE 0 TO COUNTER
           PERFORM UNTIL COUNTER >= 0
               ADD 1 TO COUNTER
           END-PERFORM
           DISPLAY "TEST BEFORE RAN " COUNTER
           PERFORM TIMES-N TIMES
               ADD 1 TO OUTER
               MOVE 0 TO INNER
               PERFORM 4 TIMES
                   ADD 1 TO INNER
                   COMPUTE TOTAL = TOTAL + OUTER * INNER
               END-PERFORM
           END-PERFORM
           DISPLAY "NESTED TOTAL " TOTAL
           MOVE 0 TO COUNTER
           PERFORM BUMP WITH TEST AFTER UNTIL COUNTER > 7
           DISPLAY "BUMPED " COUNTER
           PERFORM BUMP UNTIL COUNTER > 20
           DISPLAY "BUMPED " COUNTER
           PERFORM BUMP 0 TIMES
           DISPLAY "ZERO TIMES " COUNTER
           STOP RUN.
       BUMP.
           ADD 3 TO COUNTER
           DISPLAY "  BUMP " COUNTER.
