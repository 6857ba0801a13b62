      * Monthly interest posting over a table of savings accounts.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. INTPOST.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 ACCOUNT-TABLE.
          05 ACCOUNTS OCCURS 4.
             10 ACC-NO      PIC 9(5).
             10 ACC-NAME    PIC X(10).
             10 ACC-BAL     PIC 9(9)V99.
       01 WS-I            PIC 99.
       01 WS-RATE         PIC V9(4) VALUE .0125.
       01 WS-INTEREST     PIC 9(7)V99.
       01 WS-TOTAL-INT    PIC 9(9)V99 VALUE 0.
       01 WS-OUT-BAL      PIC ZZZ,ZZZ,ZZ9.99.
       01 WS-OUT-INT      PIC Z,ZZZ,ZZ9.99.
       PROCEDURE DIVISION.
       MAIN-LINE.
           PERFORM LOAD-ACCOUNTS
           PERFORM VARYING WS-I FROM 1 BY 1 UNTIL WS-I > 4
               COMPUTE WS-INTEREST ROUNDED = ACC-BAL (WS-I) * WS-RATE
               ADD WS-INTEREST TO ACC-BAL (WS-I)
               ADD WS-INTEREST TO WS-TOTAL-INT
               MOVE ACC-BAL (WS-I) TO WS-OUT-BAL
               MOVE WS-INTEREST TO WS-OUT-INT
               DISPLAY ACC-NO (WS-I) " " ACC-NAME (WS-I) WS-OUT-BAL
                       " +" WS-OUT-INT
           END-PERFORM
           MOVE WS-TOTAL-INT TO WS-OUT-BAL
           DISPLAY "TOTAL INTEREST " WS-OUT-BAL
           DISPLAY "TABLE " ACCOUNT-TABLE
           STOP RUN.
       LOAD-ACCOUNTS.
           MOVE "10001ALICE     00125000000" TO ACCOUNTS (1)
           MOVE "10002BOB       00000999999" TO ACCOUNTS (2)
           MOVE "10003CAROL     09876543210" TO ACCOUNTS (3)
           MOVE 10004 TO ACC-NO (4)
           MOVE "DAVE" TO ACC-NAME (4)
           MOVE 0.01 TO ACC-BAL (4).
