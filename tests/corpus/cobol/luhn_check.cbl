      * Luhn check digits for card numbers: a group of 16 one-digit
      * fields filled by a group MOVE, doubling every second digit.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. LUHN.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 CARD-IN       PIC X(16).
       01 CARD-DIGITS.
          05 DIGIT      PIC 9 OCCURS 16.
       01 I             PIC 99.
       01 POS-FROM-END  PIC 99.
       01 QUOT          PIC 99.
       01 PARITY        PIC 9.
       01 D2            PIC 99.
       01 CHECKSUM      PIC 999.
       01 REM10         PIC 9.
       PROCEDURE DIVISION.
           PERFORM 5 TIMES
               ACCEPT CARD-IN
               MOVE CARD-IN TO CARD-DIGITS
               MOVE 0 TO CHECKSUM
               PERFORM VARYING I FROM 16 BY -1 UNTIL I < 1
                   COMPUTE POS-FROM-END = 17 - I
                   DIVIDE POS-FROM-END BY 2 GIVING QUOT REMAINDER PARITY
                   IF PARITY = 0
                       COMPUTE D2 = DIGIT (I) * 2
                       IF D2 > 9
                           SUBTRACT 9 FROM D2
                       END-IF
                       ADD D2 TO CHECKSUM
                   ELSE
                       ADD DIGIT (I) TO CHECKSUM
                   END-IF
               END-PERFORM
               DIVIDE CHECKSUM BY 10 GIVING QUOT REMAINDER REM10
               IF REM10 = 0
                   DISPLAY CARD-IN " VALID   " CHECKSUM
               ELSE
                   DISPLAY CARD-IN " INVALID " CHECKSUM
               END-IF
           END-PERFORM
           STOP RUN.
