      * Bank statement: deposits and withdrawals from stdin, running
      * balance, overdraft marked CR, fees on overdraft.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. BANKSTMT.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 TXN-LINE.
          05 TXN-TYPE      PIC X.
             88 DEPOSIT    VALUE "D".
             88 WITHDRAWAL VALUE "W".
             88 END-MARK   VALUE "E".
          05 TXN-AMOUNT    PIC 9(5)V99.
       01 BALANCE          PIC S9(7)V99 VALUE 150.00.
       01 FEE              PIC 9(3)V99 VALUE 25.00.
       01 FEES-CHARGED     PIC 9(5)V99 VALUE 0.
       01 TXN-COUNT        PIC 9(3) VALUE 0.
       01 O-AMOUNT         PIC ZZ,ZZ9.99.
       01 O-BALANCE        PIC Z,ZZZ,ZZ9.99CR.
       PROCEDURE DIVISION.
       MAIN-PARA.
           DISPLAY "OPENING BALANCE " BALANCE
           ACCEPT TXN-LINE
           PERFORM UNTIL END-MARK
               ADD 1 TO TXN-COUNT
               EVALUATE TRUE
                   WHEN DEPOSIT
                       ADD TXN-AMOUNT TO BALANCE
                   WHEN WITHDRAWAL
                       SUBTRACT TXN-AMOUNT FROM BALANCE
                       IF BALANCE IS NEGATIVE
                           SUBTRACT FEE FROM BALANCE
                           ADD FEE TO FEES-CHARGED
                       END-IF
                   WHEN OTHER
                       DISPLAY "REJECTED " TXN-LINE
               END-EVALUATE
               MOVE TXN-AMOUNT TO O-AMOUNT
               MOVE BALANCE TO O-BALANCE
               DISPLAY TXN-COUNT " " TXN-TYPE " " O-AMOUNT " " O-BALANCE
               ACCEPT TXN-LINE
           END-PERFORM
           DISPLAY "FEES " FEES-CHARGED
           DISPLAY "CLOSING BALANCE " BALANCE
           STOP RUN.
