      * Sieve of Eratosthenes over a table of flags with 88-levels.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. SIEVE.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 FLAGS.
          05 FLAG PIC X OCCURS 200.
             88 IS-PRIME     VALUE "P".
             88 IS-COMPOSITE VALUE "C".
       01 I          PIC 999.
       01 J          PIC 999.
       01 MAX-N      PIC 999 VALUE 200.
       01 SQ         PIC 9(6).
       01 FOUND      PIC 999 VALUE 0.
       01 LINE-POS   PIC 99 VALUE 0.
       01 O-NUM      PIC ZZ9.
       PROCEDURE DIVISION.
           MOVE ALL "P" TO FLAGS
           SET IS-COMPOSITE (1) TO TRUE
           PERFORM VARYING I FROM 2 BY 1 UNTIL I * I > MAX-N
               IF IS-PRIME (I)
                   COMPUTE J = I * I
                   PERFORM UNTIL J > MAX-N
                       SET IS-COMPOSITE (J) TO TRUE
                       ADD I TO J
                   END-PERFORM
               END-IF
           END-PERFORM
           PERFORM VARYING I FROM 1 BY 1 UNTIL I > MAX-N
               IF IS-PRIME (I)
                   ADD 1 TO FOUND
                   MOVE I TO O-NUM
                   DISPLAY O-NUM WITH NO ADVANCING
                   ADD 1 TO LINE-POS
                   IF LINE-POS = 15
                       DISPLAY " "
                       MOVE 0 TO LINE-POS
                   END-IF
               END-IF
           END-PERFORM
           DISPLAY " "
           DISPLAY "PRIMES UP TO " MAX-N ": " FOUND
           STOP RUN.
