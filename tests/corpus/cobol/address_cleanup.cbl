      * Insurer mailing-file cleanup: normalises customer addresses
      * before a print run (abbreviations, separators, postcode checks)
      * and reports how much each record had to be changed.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. ADDRCLN.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 WS-INPUT.
          05 WS-ADDRESS        PIC X(40).
          05 WS-POSTCODE       PIC X(8).
       01 WS-EOF               PIC X VALUE "N".
          88 NO-MORE-ADDRESSES VALUE "Y".
       01 WS-COUNTERS.
          05 WS-COMMAS         PIC 99.
          05 WS-SPACES         PIC 99.
          05 WS-LEAD           PIC 99.
          05 WS-DIGITS-AFTER   PIC 99.
          05 WS-CHARS-BEFORE   PIC 99.
          05 WS-HASHES         PIC 99.
          05 WS-STREETS        PIC 99.
          05 WS-CHANGED        PIC 999 VALUE 0.
       01 WS-RECORDS           PIC 999 VALUE 0.
       01 WS-BAD-POSTCODES     PIC 999 VALUE 0.
       01 WS-PC-LETTERS        PIC 99.
       01 WS-PC-DIGITS         PIC 99.
       PROCEDURE DIVISION.
       MAIN-PARA.
           PERFORM READ-ADDRESS
           PERFORM UNTIL NO-MORE-ADDRESSES
               PERFORM CLEAN-ADDRESS
               PERFORM READ-ADDRESS
           END-PERFORM
           DISPLAY "RECORDS " WS-RECORDS " CHANGES " WS-CHANGED
                   " BAD POSTCODES " WS-BAD-POSTCODES
           STOP RUN.
       READ-ADDRESS.
           MOVE SPACES TO WS-INPUT
           ACCEPT WS-INPUT
           IF WS-INPUT = SPACES
               SET NO-MORE-ADDRESSES TO TRUE
           END-IF.
       CLEAN-ADDRESS.
           ADD 1 TO WS-RECORDS
           MOVE 0 TO WS-COMMAS WS-SPACES WS-LEAD WS-DIGITS-AFTER
                     WS-CHARS-BEFORE WS-HASHES WS-STREETS
           INSPECT WS-ADDRESS TALLYING
               WS-LEAD FOR LEADING SPACE
               WS-COMMAS FOR ALL "," ALL ";"
               WS-HASHES FOR ALL "#" AFTER INITIAL " "
               WS-CHARS-BEFORE FOR CHARACTERS BEFORE INITIAL ","
               WS-DIGITS-AFTER FOR ALL "0" "1" "2" "3" "4" "5" "6"
                   "7" "8" "9" AFTER INITIAL ","
           INSPECT WS-ADDRESS TALLYING WS-STREETS FOR ALL "STREET"
               REPLACING ALL "STREET" BY "ST.   "
                         ALL "ROAD" BY "RD. "
                         ";" BY ","
                         ALL "#" BY "N" AFTER INITIAL " "
                         FIRST "flat" BY "FLAT"
           INSPECT WS-ADDRESS CONVERTING "abcdefghijklmnopqrstuvwxyz"
                                      TO "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
               AFTER INITIAL ","
           INSPECT WS-ADDRESS REPLACING LEADING SPACE BY "*"
                                        CHARACTERS BY "." AFTER "|"
           INSPECT WS-ADDRESS TALLYING WS-SPACES FOR ALL SPACE
               BEFORE INITIAL "  " AFTER INITIAL ","
           ADD WS-STREETS WS-COMMAS TO WS-CHANGED
           DISPLAY WS-ADDRESS "|" WS-LEAD " " WS-COMMAS " " WS-HASHES
                   " " WS-CHARS-BEFORE " " WS-DIGITS-AFTER " "
                   WS-STREETS " " WS-SPACES
           PERFORM CHECK-POSTCODE.
       CHECK-POSTCODE.
           MOVE ZERO TO WS-PC-LETTERS WS-PC-DIGITS
           INSPECT WS-POSTCODE TALLYING
               WS-PC-DIGITS FOR ALL "0" "1" "2" "3" "4" "5" "6" "7"
                   "8" "9"
               WS-PC-LETTERS FOR CHARACTERS BEFORE INITIAL SPACE
           IF WS-PC-DIGITS < 4
               ADD 1 TO WS-BAD-POSTCODES
               DISPLAY "  POSTCODE? " WS-POSTCODE " " WS-PC-DIGITS " "
                       WS-PC-LETTERS
           END-IF.
