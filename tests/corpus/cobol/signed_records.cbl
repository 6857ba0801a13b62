      * Records with signed zoned fields: DISPLAY of the record shows
      * the overpunched sign; group MOVEs carry it across.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. SIGNREC.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 LEDGER.
          05 L-ACCT      PIC X(4) VALUE "L001".
          05 L-DEBIT     PIC S9(5)V99 VALUE -123.45.
          05 L-CREDIT    PIC S9(5)V99 VALUE 678.9.
          05 L-COUNT     PIC S9(3) VALUE -7.
       01 COPY-REC       PIC X(21).
       01 LEDGER-2.
          05 L2-ACCT     PIC X(4).
          05 L2-DEBIT    PIC S9(5)V99.
          05 L2-CREDIT   PIC S9(5)V99.
          05 L2-COUNT    PIC S9(3).
       01 NET            PIC S9(6)V99.
       PROCEDURE DIVISION.
           DISPLAY LEDGER
           MOVE LEDGER TO COPY-REC
           DISPLAY COPY-REC
           MOVE COPY-REC TO LEDGER-2
           DISPLAY L2-ACCT " " L2-DEBIT " " L2-CREDIT " " L2-COUNT
           COMPUTE NET = L2-DEBIT + L2-CREDIT
           DISPLAY "NET " NET
           MOVE -1 TO L-DEBIT
           MOVE -0.09 TO L-CREDIT
           MOVE 0 TO L-COUNT
           DISPLAY LEDGER
           MOVE LEDGER TO LEDGER-2
           SUBTRACT 1 FROM L2-COUNT
           DISPLAY LEDGER-2
           STOP RUN.
