      * Data cleansing with INSPECT: count separators, blank out bad
      * characters, normalise case, mask account numbers.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. CLEANUP.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 RAW-LINE       PIC X(30).
       01 COMMAS         PIC 99.
       01 LEAD-ZEROS     PIC 99.
       01 STARS          PIC 99.
       01 LEN-ALL        PIC 99.
       01 ACCOUNT        PIC X(12).
       01 N              PIC 9.
       PROCEDURE DIVISION.
           PERFORM 4 TIMES
               ACCEPT RAW-LINE
               MOVE 0 TO COMMAS LEAD-ZEROS LEN-ALL
               INSPECT RAW-LINE TALLYING COMMAS FOR ALL ","
               INSPECT RAW-LINE TALLYING LEN-ALL FOR CHARACTERS
               INSPECT RAW-LINE TALLYING LEAD-ZEROS FOR LEADING "0"
               INSPECT RAW-LINE REPLACING ALL ";" BY ","
               INSPECT RAW-LINE REPLACING ALL "--" BY "- "
               INSPECT RAW-LINE CONVERTING "abcdefghijklmnopqrstuvwxyz"
                                        TO "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
               DISPLAY "[" RAW-LINE "] " COMMAS " " LEAD-ZEROS " "
                       LEN-ALL
           END-PERFORM
           MOVE "000012345678" TO ACCOUNT
           INSPECT ACCOUNT REPLACING LEADING "0" BY "*"
           DISPLAY ACCOUNT
           INSPECT ACCOUNT REPLACING FIRST "*" BY "#"
           DISPLAY ACCOUNT
           MOVE 0 TO STARS
           INSPECT ACCOUNT TALLYING STARS FOR ALL "*"
           DISPLAY "STARS " STARS
           INSPECT ACCOUNT REPLACING CHARACTERS BY "X"
           DISPLAY ACCOUNT
           STOP RUN.
