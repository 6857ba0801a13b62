      * Payment export for the clearing house: amounts arrive from the
      * ledger extract with a trailing separate sign and leave with a
      * leading separate sign; the control record carries its totals
      * with a leading overpunched sign; names and references are
      * right-justified in the export layout.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. PAYEXP.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 EXTRACT-IN.
          05 EX-REFERENCE          PIC X(10).
          05 EX-PAYEE              PIC X(18).
          05 EX-AMOUNT             PIC S9(7)V99
                                   SIGN IS TRAILING SEPARATE CHARACTER.
          05 EX-CURRENCY           PIC X(3).
       01 EXPORT-LINE.
          05 XL-TYPE               PIC X VALUE "D".
          05 XL-REFERENCE          PIC X(12) JUSTIFIED RIGHT.
          05 XL-PAYEE              PIC X(20) JUST.
          05 XL-AMOUNT             PIC S9(9)V99
                                   SIGN LEADING SEPARATE.
          05 XL-CURRENCY           PIC X(3).
       01 CONTROL-LINE.
          05 CL-TYPE               PIC X VALUE "T".
          05 CL-COUNT              PIC 9(5) VALUE 0.
          05 CL-NET                PIC S9(11)V99 SIGN LEADING VALUE 0.
          05 CL-DEBITS             PIC S9(11)V99 TRAILING VALUE 0.
       77 REJECTED                 PIC S9(3) SIGN LEADING SEPARATE
                                   VALUE 0.
       01 SHORT-NAME               PIC X(8) JUSTIFIED RIGHT.
       01 EOF-FLAG                 PIC X VALUE "N".
          88 NO-MORE-PAYMENTS      VALUE "Y".
       PROCEDURE DIVISION.
       MAIN-LINE.
           PERFORM READ-PAYMENT
           PERFORM EXPORT-PAYMENT UNTIL NO-MORE-PAYMENTS
           DISPLAY CONTROL-LINE
           DISPLAY "NET " CL-NET " DEBITS " CL-DEBITS
                   " REJECTED " REJECTED
           STOP RUN.
       READ-PAYMENT.
           MOVE SPACES TO EXTRACT-IN
           ACCEPT EXTRACT-IN
           IF EXTRACT-IN = SPACES
               SET NO-MORE-PAYMENTS TO TRUE
           END-IF.
       EXPORT-PAYMENT.
           IF EX-CURRENCY NOT = "EUR"
               SUBTRACT 1 FROM REJECTED
               DISPLAY "REJECTED " EX-REFERENCE " " EX-CURRENCY
                       " " EX-AMOUNT
           ELSE
               MOVE EX-REFERENCE TO XL-REFERENCE
               MOVE EX-PAYEE TO XL-PAYEE
               MOVE EX-AMOUNT TO XL-AMOUNT
               MOVE EX-CURRENCY TO XL-CURRENCY
               DISPLAY EXPORT-LINE
               MOVE EX-PAYEE TO SHORT-NAME
               DISPLAY "  PAYEE TAIL [" SHORT-NAME "] AMOUNT "
                       XL-AMOUNT
               ADD 1 TO CL-COUNT
               ADD EX-AMOUNT TO CL-NET
               IF EX-AMOUNT < 0
                   ADD EX-AMOUNT TO CL-DEBITS
               END-IF
           END-IF
           PERFORM READ-PAYMENT.
