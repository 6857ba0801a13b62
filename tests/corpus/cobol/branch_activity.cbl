      * Branch activity posting, a 1980s-style program kept as it was:
      * GO TO ... DEPENDING ON dispatches each transaction by type,
      * handlers jump back to the read (backward GO TO into the loop),
      * one jumps into another section at end of input, and a
      * PERFORM ... THRU range skips its middle with a forward GO TO.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. BRANCHACT.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 TXN-RECORD.
          05 TXN-ID          PIC X(5).
          05 TXN-TYPE        PIC 9.
          05 TXN-AMOUNT      PIC 9(5)V99.
          05 TXN-HOPS        PIC 9.
       01 WS-BALANCE         PIC S9(7)V99 VALUE 2500.00.
       01 WS-LOW-WATER       PIC S9(7)V99 VALUE 2500.00.
       01 WS-CONVERTED       PIC 9(6)V99.
       01 WS-STEP            PIC 9.
       01 WS-COUNTS.
          05 WS-READ         PIC 9(3) VALUE 0.
          05 WS-POSTED       PIC 9(3) VALUE 0.
          05 WS-REJECTED     PIC 9(3) VALUE 0.
       01 WS-TOTALS.
          05 WS-DEPOSITS     PIC 9(7)V99 VALUE 0.
          05 WS-WITHDRAWALS  PIC 9(7)V99 VALUE 0.
          05 WS-TRANSFERS    PIC 9(7)V99 VALUE 0.
          05 WS-FEES         PIC 9(7)V99 VALUE 0.
       01 WS-BAL-OUT         PIC Z,ZZZ,ZZ9.99-.
       PROCEDURE DIVISION.
       0000-MAIN SECTION.
       0000-START.
           PERFORM 8000-HEADINGS.
       0100-READ-NEXT.
           ACCEPT TXN-RECORD
           IF TXN-ID = "END" OR TXN-ID = SPACES
               GO TO 9000-WRAP-UP.
           ADD 1 TO WS-READ
           GO TO 0210-DEPOSIT 0220-WITHDRAWAL 0230-TRANSFER 0240-FEE
               DEPENDING ON TXN-TYPE.
           ADD 1 TO WS-REJECTED
           DISPLAY TXN-ID " UNKNOWN TYPE " TXN-TYPE
           GO TO 0100-READ-NEXT.
       0210-DEPOSIT.
           ADD TXN-AMOUNT TO WS-DEPOSITS
           ADD TXN-AMOUNT TO WS-BALANCE
           GO TO 0300-POST.
       0220-WITHDRAWAL.
           IF TXN-AMOUNT > WS-BALANCE
               DISPLAY TXN-ID " INSUFFICIENT FUNDS"
               ADD 1 TO WS-REJECTED
               GO TO 0100-READ-NEXT
           END-IF
           SUBTRACT TXN-AMOUNT FROM WS-BALANCE
           ADD TXN-AMOUNT TO WS-WITHDRAWALS
           GO TO 0300-POST.
       0230-TRANSFER.
           PERFORM 0500-CONVERT THRU 0500-EXIT
           SUBTRACT WS-CONVERTED FROM WS-BALANCE
           ADD WS-CONVERTED TO WS-TRANSFERS
           GO TO 0300-POST.
       0240-FEE.
           SUBTRACT TXN-AMOUNT FROM WS-BALANCE
           ADD TXN-AMOUNT TO WS-FEES.
       0300-POST.
           IF WS-BALANCE < WS-LOW-WATER
               MOVE WS-BALANCE TO WS-LOW-WATER.
           ADD 1 TO WS-POSTED
           MOVE WS-BALANCE TO WS-BAL-OUT
           DISPLAY TXN-ID " TYPE " TXN-TYPE " BALANCE " WS-BAL-OUT
           GO TO 0100-READ-NEXT.
       0500-CONVERT.
           MOVE TXN-AMOUNT TO WS-CONVERTED
           MOVE 0 TO WS-STEP
           IF TXN-HOPS = 0
               GO TO 0500-EXIT.
       0510-CORRESPONDENT-FEE.
           ADD 1 TO WS-STEP
           COMPUTE WS-CONVERTED ROUNDED = WS-CONVERTED * 1.0015
           IF WS-STEP < TXN-HOPS
               GO TO 0510-CORRESPONDENT-FEE.
       0500-EXIT.
           EXIT.
       8000-PRINT SECTION.
       8000-HEADINGS.
           DISPLAY "BRANCH ACTIVITY - OPENING BALANCE 2,500.00"
           DISPLAY "-----------------------------------------".
       9000-REPORT SECTION.
       9000-WRAP-UP.
           DISPLAY "-----------------------------------------"
           DISPLAY "READ " WS-READ " POSTED " WS-POSTED
                   " REJECTED " WS-REJECTED
           DISPLAY "DEPOSITS    " WS-DEPOSITS
           DISPLAY "WITHDRAWALS " WS-WITHDRAWALS
           DISPLAY "TRANSFERS   " WS-TRANSFERS
           DISPLAY "FEES        " WS-FEES
           MOVE WS-LOW-WATER TO WS-BAL-OUT
           DISPLAY "LOW WATER   " WS-BAL-OUT
           MOVE WS-BALANCE TO WS-BAL-OUT
           DISPLAY "CLOSING     " WS-BAL-OUT
           STOP RUN.
