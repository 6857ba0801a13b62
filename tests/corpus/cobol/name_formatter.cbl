      * Customer mailing labels: names are built with reference
      * modification (initials, trimmed lengths, positions computed
      * at run time), account numbers are masked for print, and the
      * packed balance of each customer is shown in hex for the audit
      * trail through REDEFINES of the packed and binary fields.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. NAMEFMT.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 CUSTOMER-IN.
          05 CU-TITLE              PIC X(4).
          05 CU-GIVEN              PIC X(15).
          05 CU-SURNAME            PIC X(20).
          05 CU-ACCOUNT            PIC 9(12).
          05 CU-BALANCE            PIC S9(7)V99.
       01 LABEL-LINE               PIC X(40).
       01 MASKED-ACCOUNT           PIC X(14).
       01 NAME-LEN                 PIC 99.
       01 GIVEN-LEN                PIC 99.
       01 OUT-POS                      PIC 99.
       01 SCAN                     PIC 99.
       01 SORT-KEY.
          05 SK-SURNAME            PIC X(6).
          05 SK-INITIAL            PIC X.
          05 SK-BRANCH             PIC 9(4).
       01 BALANCE-PACKED           PIC S9(7)V99 COMP-3.
       01 BALANCE-BYTES REDEFINES BALANCE-PACKED PIC X(5).
       01 BYTE-WORD.
          05 BW-HIGH               PIC X VALUE LOW-VALUE.
          05 BW-LOW                PIC X.
       01 BYTE-VALUE REDEFINES BYTE-WORD PIC 9(4) COMP.
       01 HEX-DIGITS               PIC X(16) VALUE "0123456789ABCDEF".
       01 HEX-TEXT                 PIC X(10).
       01 HIGH-NIBBLE              PIC 99.
       01 LOW-NIBBLE               PIC 99.
       01 BYTE-NO                  PIC 9.
       01 EOF-FLAG                 PIC X VALUE "N".
          88 NO-MORE-CUSTOMERS     VALUE "Y".
       PROCEDURE DIVISION.
       MAIN-LINE.
           PERFORM READ-CUSTOMER
           PERFORM FORMAT-CUSTOMER UNTIL NO-MORE-CUSTOMERS
           STOP RUN.
       READ-CUSTOMER.
           ACCEPT CUSTOMER-IN
           IF CU-SURNAME = SPACES
               SET NO-MORE-CUSTOMERS TO TRUE
           END-IF.
       FORMAT-CUSTOMER.
           PERFORM BUILD-LABEL
           PERFORM MASK-ACCOUNT
           PERFORM BUILD-SORT-KEY
           PERFORM DUMP-BALANCE
           DISPLAY LABEL-LINE "|" MASKED-ACCOUNT "|" SORT-KEY "|"
                   HEX-TEXT
           PERFORM READ-CUSTOMER.
       BUILD-LABEL.
      *    Length of the given names and of the surname, trailing
      *    spaces left out.
           MOVE 15 TO GIVEN-LEN
           PERFORM UNTIL GIVEN-LEN = 0
                   OR CU-GIVEN(GIVEN-LEN:1) NOT = SPACE
               SUBTRACT 1 FROM GIVEN-LEN
           END-PERFORM
           MOVE 20 TO NAME-LEN
           PERFORM UNTIL NAME-LEN = 0
                   OR CU-SURNAME(NAME-LEN:1) NOT = SPACE
               SUBTRACT 1 FROM NAME-LEN
           END-PERFORM
           MOVE SPACES TO LABEL-LINE
           MOVE 1 TO OUT-POS
           IF CU-TITLE NOT = SPACES
               MOVE CU-TITLE TO LABEL-LINE(OUT-POS:4)
               PERFORM VARYING SCAN FROM 4 BY -1
                       UNTIL CU-TITLE(SCAN:1) NOT = SPACE
                   CONTINUE
               END-PERFORM
               COMPUTE OUT-POS = OUT-POS + SCAN + 1
           END-IF
      *    Initial of each given name: the first letter and every
      *    letter after a space.
           PERFORM VARYING SCAN FROM 1 BY 1 UNTIL SCAN > GIVEN-LEN
               IF SCAN = 1 OR CU-GIVEN(SCAN - 1:1) = SPACE
                   MOVE CU-GIVEN(SCAN:1) TO LABEL-LINE(OUT-POS:1)
                   MOVE "." TO LABEL-LINE(OUT-POS + 1:1)
                   ADD 3 TO OUT-POS
               END-IF
           END-PERFORM
           IF NAME-LEN > 0
               MOVE CU-SURNAME(1:NAME-LEN) TO LABEL-LINE(OUT-POS:)
           END-IF.
       MASK-ACCOUNT.
           MOVE ALL "*" TO MASKED-ACCOUNT
           MOVE CU-ACCOUNT(1:4) TO MASKED-ACCOUNT(1:4)
           MOVE "-" TO MASKED-ACCOUNT(5:1) MASKED-ACCOUNT(10:1)
           MOVE CU-ACCOUNT(9:) TO MASKED-ACCOUNT(11:4).
       BUILD-SORT-KEY.
           MOVE CU-SURNAME TO SORT-KEY
           MOVE CU-GIVEN TO SORT-KEY(7:1)
           MOVE CU-ACCOUNT(5:4) TO SK-BRANCH
           IF SK-BRANCH > 5000
               MOVE "99" TO SK-BRANCH(1:2)
           END-IF.
       DUMP-BALANCE.
           MOVE CU-BALANCE TO BALANCE-PACKED
           MOVE SPACES TO HEX-TEXT
           PERFORM VARYING BYTE-NO FROM 1 BY 1 UNTIL BYTE-NO > 5
               MOVE BALANCE-BYTES(BYTE-NO:1) TO BW-LOW
               DIVIDE BYTE-VALUE BY 16 GIVING HIGH-NIBBLE
                   REMAINDER LOW-NIBBLE
               MOVE HEX-DIGITS(HIGH-NIBBLE + 1:1)
                 TO HEX-TEXT(BYTE-NO * 2 - 1:1)
               MOVE HEX-DIGITS(LOW-NIBBLE + 1:1)
                 TO HEX-TEXT(BYTE-NO * 2:1)
           END-PERFORM.
