      * Bank statement import: splits delimited statement lines
      * (account;date;type;description;amount) sent by a partner bank,
      * validates each field and prints a fixed-layout posting line.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. STMTIMPT.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 WS-LINE             PIC X(80).
       01 WS-EOF              PIC X VALUE "N".
          88 END-OF-INPUT     VALUE "Y".
       01 WS-FIELDS.
          05 WS-ACCOUNT       PIC X(10).
          05 WS-DATE          PIC X(10).
          05 WS-TYPE          PIC X(6).
          05 WS-DESC          PIC X(24).
          05 WS-AMOUNT-TXT    PIC X(12).
       01 WS-COUNTS.
          05 WS-ACCT-LEN      PIC 99.
          05 WS-DESC-LEN      PIC 99.
          05 WS-AMT-LEN       PIC 99.
       01 WS-DELIM-1          PIC X.
       01 WS-DELIM-4          PIC X.
       01 WS-FIELD-COUNT      PIC 99.
       01 WS-PTR              PIC 99.
       01 WS-DATE-PARTS.
          05 WS-YYYY          PIC 9(4).
          05 WS-MM            PIC 99.
          05 WS-DD            PIC 99.
       01 WS-WHOLE            PIC 9(7).
       01 WS-CENTS-TXT        PIC XX.
       01 WS-CENTS            PIC 99.
       01 WS-AMOUNT           PIC S9(7)V99.
       01 WS-AMOUNT-OUT       PIC -Z,ZZZ,ZZ9.99.
       01 WS-TOTAL            PIC S9(9)V99 VALUE 0.
       01 WS-TOTAL-OUT        PIC -ZZZ,ZZZ,ZZ9.99.
       01 WS-WORDS.
          05 WS-WORD          PIC X(12) OCCURS 3.
       01 WS-WORD-COUNT       PIC 9.
       01 WS-OUT              PIC X(60).
       01 WS-OUT-PTR          PIC 99.
       01 WS-SHORT            PIC X(20).
       01 WS-SHORT-PTR        PIC 99.
       01 WS-LINES            PIC 999 VALUE 0.
       01 WS-REJECTS          PIC 999 VALUE 0.
       PROCEDURE DIVISION.
       MAIN-PARA.
           PERFORM READ-LINE
           PERFORM UNTIL END-OF-INPUT
               PERFORM PARSE-LINE
               PERFORM READ-LINE
           END-PERFORM
           MOVE WS-TOTAL TO WS-TOTAL-OUT
           DISPLAY "LINES " WS-LINES " REJECTED " WS-REJECTS
           DISPLAY "NET MOVEMENT " WS-TOTAL-OUT
           STOP RUN.
       READ-LINE.
           MOVE SPACES TO WS-LINE
           ACCEPT WS-LINE
           IF WS-LINE = SPACES OR WS-LINE = "END"
               SET END-OF-INPUT TO TRUE
           END-IF.
       PARSE-LINE.
           ADD 1 TO WS-LINES
           MOVE SPACES TO WS-FIELDS
           MOVE 0 TO WS-FIELD-COUNT
           MOVE 1 TO WS-PTR
           UNSTRING WS-LINE DELIMITED BY ";" OR ","
               INTO WS-ACCOUNT DELIMITER IN WS-DELIM-1
                               COUNT IN WS-ACCT-LEN
                    WS-DATE
                    WS-TYPE
                    WS-DESC COUNT IN WS-DESC-LEN
                    WS-AMOUNT-TXT DELIMITER IN WS-DELIM-4
                                  COUNT IN WS-AMT-LEN
               WITH POINTER WS-PTR
               TALLYING IN WS-FIELD-COUNT
               ON OVERFLOW
                   DISPLAY "LINE " WS-LINES " HAS EXTRA FIELDS FROM "
                           WS-PTR
           END-UNSTRING
           IF WS-FIELD-COUNT < 5
               DISPLAY "LINE " WS-LINES " REJECTED: " WS-FIELD-COUNT
                       " FIELDS"
               ADD 1 TO WS-REJECTS
           ELSE
               PERFORM CONVERT-FIELDS
           END-IF.
       CONVERT-FIELDS.
           UNSTRING WS-DATE DELIMITED BY "-"
               INTO WS-YYYY WS-MM WS-DD
           END-UNSTRING
           MOVE SPACES TO WS-CENTS-TXT
           MOVE 0 TO WS-WHOLE
           UNSTRING WS-AMOUNT-TXT DELIMITED BY "." OR SPACE
               INTO WS-WHOLE WS-CENTS-TXT
           END-UNSTRING
           INSPECT WS-CENTS-TXT REPLACING ALL SPACE BY ZERO
           MOVE WS-CENTS-TXT TO WS-CENTS
           COMPUTE WS-AMOUNT = WS-WHOLE + WS-CENTS / 100
           IF WS-TYPE = "DEBIT"
               COMPUTE WS-AMOUNT = 0 - WS-AMOUNT
           END-IF
           ADD WS-AMOUNT TO WS-TOTAL
           MOVE WS-AMOUNT TO WS-AMOUNT-OUT
           MOVE SPACES TO WS-WORDS
           MOVE 0 TO WS-WORD-COUNT
           UNSTRING WS-DESC DELIMITED BY ALL SPACE
               INTO WS-WORD(1) WS-WORD(2) WS-WORD(3)
               TALLYING IN WS-WORD-COUNT
           END-UNSTRING
           MOVE SPACES TO WS-OUT
           MOVE 1 TO WS-OUT-PTR
           STRING WS-ACCOUNT DELIMITED BY SPACE
                  " " WS-DD "." WS-MM "." WS-YYYY
                  " " DELIMITED BY SIZE
                  WS-WORD(1) DELIMITED BY SPACE
               INTO WS-OUT WITH POINTER WS-OUT-PTR
           END-STRING
           IF WS-WORD-COUNT > 1
               STRING "/" WS-WORD(2) DELIMITED BY SPACE
                   INTO WS-OUT WITH POINTER WS-OUT-PTR
               END-STRING
           END-IF
           DISPLAY WS-OUT " " WS-AMOUNT-OUT " L" WS-ACCT-LEN
                   WS-DESC-LEN WS-AMT-LEN "[" WS-DELIM-1 WS-DELIM-4 "]"
           MOVE SPACES TO WS-SHORT
           MOVE 1 TO WS-SHORT-PTR
           STRING WS-DESC DELIMITED BY "  " INTO WS-SHORT
               WITH POINTER WS-SHORT-PTR
               ON OVERFLOW
                   DISPLAY "  SHORT NAME CUT AT " WS-SHORT-PTR
                           " [" WS-SHORT "]"
               NOT ON OVERFLOW
                   DISPLAY "  SHORT NAME [" WS-SHORT "] "
                           WS-SHORT-PTR
           END-STRING.
