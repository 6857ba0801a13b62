      *================================================================*
      * FEECALC - CARD PROCESSING FEES FOR THE DAY'S SETTLEMENTS       *
      * READS SETTLEMENT LINES FROM STDIN (MERCHANT, SCHEME, AMOUNT),  *
      * PRICES EACH BY SCHEME AND PRINTS A FEE REPORT WITH TOTALS.     *
      *================================================================*
       IDENTIFICATION DIVISION.
       PROGRAM-ID. FEECALC.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01  SETTLEMENT.
           05  SET-MERCHANT            PIC X(8).
           05  SET-SCHEME              PIC X(2).
               88  SCHEME-VISA         VALUE 'VI'.
               88  SCHEME-MASTERCARD   VALUE 'MC'.
               88  SCHEME-AMEX         VALUE 'AX'.
               88  END-OF-DAY          VALUE '**'.
           05  SET-AMOUNT              PIC 9(7)V99.
       01  FEE-RATE                    PIC V9(4).
       01  FIXED-FEE                   PIC 9V99.
       01  FEE                         PIC 9(5)V99.
       01  NET                         PIC S9(7)V99.
       01  TOTALS.
           05  TOTAL-GROSS             PIC 9(9)V99 VALUE 0.
           05  TOTAL-FEES              PIC 9(7)V99 VALUE 0.
           05  LINES-PRICED            PIC 9(5) VALUE 0.
           05  LINES-REJECTED          PIC 9(5) VALUE 0.
       01  O-AMOUNT                    PIC ZZ,ZZZ,ZZ9.99.
       01  O-FEE                       PIC ZZ,ZZ9.99.
       01  O-NET                       PIC ZZ,ZZZ,ZZ9.99-.
       PROCEDURE DIVISION.
       0000-MAIN.
           DISPLAY 'MERCHANT SC        AMOUNT       FEE            NET'
           PERFORM 1000-READ
           PERFORM 2000-PRICE UNTIL END-OF-DAY
           PERFORM 9000-TOTALS
           STOP RUN.
       1000-READ.
           ACCEPT SETTLEMENT.
       2000-PRICE.
           EVALUATE TRUE
               WHEN SCHEME-VISA
                   MOVE .0145 TO FEE-RATE
                   MOVE 0.10 TO FIXED-FEE
               WHEN SCHEME-MASTERCARD
                   MOVE .0155 TO FEE-RATE
                   MOVE 0.10 TO FIXED-FEE
               WHEN SCHEME-AMEX
                   MOVE .0275 TO FEE-RATE
                   MOVE 0.15 TO FIXED-FEE
               WHEN OTHER
                   MOVE 0 TO FEE-RATE FIXED-FEE
           END-EVALUATE
           IF FEE-RATE = 0
               ADD 1 TO LINES-REJECTED
               DISPLAY SET-MERCHANT ' ' SET-SCHEME ' REJECTED'
           ELSE
               COMPUTE FEE ROUNDED = SET-AMOUNT * FEE-RATE + FIXED-FEE
               COMPUTE NET = SET-AMOUNT - FEE
               ADD SET-AMOUNT TO TOTAL-GROSS
               ADD FEE TO TOTAL-FEES
               ADD 1 TO LINES-PRICED
               MOVE SET-AMOUNT TO O-AMOUNT
               MOVE FEE TO O-FEE
               MOVE NET TO O-NET
               DISPLAY SET-MERCHANT ' ' SET-SCHEME ' ' O-AMOUNT ' '
                       O-FEE ' ' O-NET
           END-IF
           PERFORM 1000-READ.
       9000-TOTALS.
           MOVE TOTAL-GROSS TO O-AMOUNT
           MOVE TOTAL-FEES TO O-FEE
           DISPLAY 'PRICED ' LINES-PRICED ' REJECTED ' LINES-REJECTED
           DISPLAY 'GROSS ' O-AMOUNT ' FEES ' O-FEE.
