      * Public debt ledger: posts monthly issuance, redemptions and
      * interest on a national debt carried to the cent in 25 digits,
      * with a 31-digit grand total across instruments.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. DEBTLDG.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 WS-INSTRUMENT.
          05 WS-NAME            PIC X(12).
          05 WS-OUTSTANDING     PIC S9(23)V99.
          05 WS-RATE            PIC 9V9(6).
       01 WS-ISSUED             PIC 9(23)V99.
       01 WS-REDEEMED           PIC 9(23)V99.
       01 WS-INTEREST           PIC S9(23)V99.
       01 WS-GRAND-TOTAL        PIC S9(29)V99 VALUE 0.
       01 WS-INTEREST-TOTAL     PIC S9(25)V99 VALUE 0.
       01 WS-LIMIT              PIC 9(25) VALUE
                                9999999999999999999999999.
       01 WS-SMALL              PIC 9(20).
       01 WS-OUT                PIC -(23)9.99.
       01 WS-TOTAL-OUT          PIC -(29)9.99.
       01 WS-MONTH              PIC 99.
       01 WS-SERVICE            PIC S9(23)V99.
       01 WS-LINE               PIC X(80).
       PROCEDURE DIVISION.
       MAIN-PARA.
           MOVE "TREASURY-10Y" TO WS-NAME
           MOVE 31415926535897932384626.43 TO WS-OUTSTANDING
           MOVE 0.042500 TO WS-RATE
           PERFORM POST-MONTH VARYING WS-MONTH FROM 1 BY 1
               UNTIL WS-MONTH > 3
           MOVE "T-BILL-3M" TO WS-NAME
           MOVE -12345678901234567890.12 TO WS-OUTSTANDING
           MOVE 0.051250 TO WS-RATE
           PERFORM POST-MONTH VARYING WS-MONTH FROM 1 BY 1
               UNTIL WS-MONTH > 2
           MOVE WS-GRAND-TOTAL TO WS-TOTAL-OUT
           DISPLAY "GRAND TOTAL    " WS-TOTAL-OUT
           DISPLAY "GRAND TOTAL RAW " WS-GRAND-TOTAL
           MOVE WS-INTEREST-TOTAL TO WS-TOTAL-OUT
           DISPLAY "INTEREST TOTAL " WS-TOTAL-OUT
           DISPLAY "RECORD " WS-INSTRUMENT
           COMPUTE WS-SMALL = WS-LIMIT + 1
               ON SIZE ERROR DISPLAY "LIMIT + 1 DOES NOT FIT 20 DIGITS"
           END-COMPUTE
           COMPUTE WS-SMALL = WS-LIMIT + 1
           DISPLAY "TRUNCATED " WS-SMALL
           IF WS-GRAND-TOTAL > WS-LIMIT
               DISPLAY "GRAND TOTAL ABOVE 25-DIGIT LIMIT"
           ELSE
               DISPLAY "GRAND TOTAL WITHIN LIMIT"
           END-IF
           MOVE WS-LIMIT TO WS-LINE
           DISPLAY "AS TEXT [" WS-LINE "]"
           CALL "DEBTSVC" USING WS-GRAND-TOTAL WS-RATE WS-SERVICE
           MOVE WS-SERVICE TO WS-OUT
           DISPLAY "ANNUAL DEBT SERVICE " WS-OUT
           STOP RUN.
       POST-MONTH.
           COMPUTE WS-ISSUED = WS-MONTH * 1234567890123456789.5
           COMPUTE WS-REDEEMED = WS-ISSUED * 0.25
           COMPUTE WS-INTEREST ROUNDED =
               WS-OUTSTANDING * WS-RATE / 12
           ADD WS-ISSUED WS-INTEREST TO WS-OUTSTANDING
           SUBTRACT WS-REDEEMED FROM WS-OUTSTANDING
           ADD WS-INTEREST TO WS-INTEREST-TOTAL
           ADD WS-OUTSTANDING TO WS-GRAND-TOTAL
           MOVE WS-OUTSTANDING TO WS-OUT
           DISPLAY WS-NAME " M" WS-MONTH " " WS-OUT " I "
                   WS-INTEREST.
       END PROGRAM DEBTLDG.
      * Debt service on a principal of up to 31 digits at a yearly rate.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. DEBTSVC.
       DATA DIVISION.
       LINKAGE SECTION.
       01 LK-PRINCIPAL          PIC S9(29)V99.
       01 LK-RATE               PIC 9V9(6).
       01 LK-SERVICE            PIC S9(23)V99.
       PROCEDURE DIVISION USING LK-PRINCIPAL LK-RATE LK-SERVICE.
           COMPUTE LK-SERVICE ROUNDED = LK-PRINCIPAL * LK-RATE
               ON SIZE ERROR MOVE 0 TO LK-SERVICE
           END-COMPUTE
           GOBACK.
       END PROGRAM DEBTSVC.
