      * Greatest common divisor by Euclid (GO TO loop restart) and the
      * least common multiple for pairs from input.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. GCDLCM.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 A           PIC 9(9).
       01 B           PIC 9(9).
       01 X           PIC 9(9).
       01 Y           PIC 9(9).
       01 Q           PIC 9(9).
       01 R           PIC 9(9).
       01 GCD         PIC 9(9).
       01 LCM         PIC 9(12).
       01 PAIRS       PIC 99.
       PROCEDURE DIVISION.
       MAIN-PARA.
           ACCEPT PAIRS
           PERFORM PAIRS TIMES
               ACCEPT A
               ACCEPT B
               MOVE A TO X
               MOVE B TO Y
               PERFORM EUCLID THRU EUCLID-EXIT
               MOVE X TO GCD
               IF GCD = 0
                   MOVE 0 TO LCM
               ELSE
                   COMPUTE LCM = A / GCD * B
               END-IF
               DISPLAY "GCD(" A "," B ")=" GCD " LCM=" LCM
           END-PERFORM
           STOP RUN.
       EUCLID.
           IF Y = 0
               GO TO EUCLID-EXIT
           END-IF
           DIVIDE X BY Y GIVING Q REMAINDER R
           MOVE Y TO X
           MOVE R TO Y
           GO TO EUCLID.
       EUCLID-EXIT.
           EXIT.
