      *================================================================*
      * ACCOUNT-POSTING - NIGHTLY POSTING OF THE DAY'S TRANSACTIONS    *
      * AGAINST THE DEMAND-DEPOSIT MASTER FILE. BOTH FILES ARE SORTED  *
      * BY ACCOUNT NUMBER; A BALANCED-LINE MATCH WRITES THE NEW MASTER *
      * AND AN EXCEPTION REPORT WITH CONTROL TOTALS.                   *
      *================================================================*
       IDENTIFICATION DIVISION.
       PROGRAM-ID. ACCOUNT-POSTING.
       ENVIRONMENT DIVISION.
       INPUT-OUTPUT SECTION.
       FILE-CONTROL.
           SELECT MASTER-IN ASSIGN TO "ACCTMAST"
               ORGANIZATION IS LINE SEQUENTIAL
               ACCESS MODE IS SEQUENTIAL
               FILE STATUS IS WS-MASTER-STATUS.
           SELECT TRANS-IN ASSIGN TO "DAILYTRN"
               ORGANIZATION IS LINE SEQUENTIAL
               FILE STATUS IS WS-TRANS-STATUS.
           SELECT MASTER-OUT ASSIGN TO "ACCTNEW"
               ORGANIZATION IS LINE SEQUENTIAL
               FILE STATUS IS WS-NEW-STATUS.
           SELECT REPORT-FILE ASSIGN TO "POSTRPT"
               ORGANIZATION IS LINE SEQUENTIAL.
       DATA DIVISION.
       FILE SECTION.
       FD  MASTER-IN
           LABEL RECORDS ARE STANDARD
           RECORD CONTAINS 49 CHARACTERS.
       01  MASTER-IN-REC.
           05  MI-ACCT-ID              PIC X(8).
           05  MI-NAME                 PIC X(20).
           05  MI-BALANCE              PIC S9(9)V99.
           05  MI-STATUS               PIC X.
           05  MI-OD-LIMIT             PIC 9(7)V99.
       FD  TRANS-IN
           BLOCK CONTAINS 0 RECORDS.
       01  TRANS-REC.
           05  TR-ACCT-ID              PIC X(8).
           05  TR-TYPE                 PIC X.
               88  TR-DEPOSIT          VALUE "D".
               88  TR-WITHDRAWAL       VALUE "W".
               88  TR-FEE              VALUE "F".
               88  TR-INTEREST         VALUE "I".
           05  TR-AMOUNT               PIC 9(7)V99.
           05  TR-DATE                 PIC 9(8).
           05  TR-REFERENCE            PIC X(10).
       FD  MASTER-OUT.
       01  MASTER-OUT-REC              PIC X(49).
       FD  REPORT-FILE.
       01  REPORT-LINE                 PIC X(80).
       WORKING-STORAGE SECTION.
       01  WS-MASTER-STATUS            PIC XX.
       01  WS-TRANS-STATUS             PIC XX.
       01  WS-NEW-STATUS               PIC XX.
       01  WS-MASTER-KEY               PIC X(8).
       01  WS-TRANS-KEY                PIC X(8).
       01  WS-COUNTERS.
           05  WS-MASTERS-READ         PIC 9(5) VALUE 0.
           05  WS-TRANS-READ           PIC 9(5) VALUE 0.
           05  WS-TRANS-POSTED         PIC 9(5) VALUE 0.
           05  WS-TRANS-REJECTED       PIC 9(5) VALUE 0.
           05  WS-MASTERS-WRITTEN      PIC 9(5) VALUE 0.
       01  WS-TOTALS.
           05  WS-TOTAL-CREDITS        PIC S9(11)V99 VALUE 0.
           05  WS-TOTAL-DEBITS         PIC S9(11)V99 VALUE 0.
           05  WS-NET-MOVEMENT         PIC S9(11)V99 VALUE 0.
       01  WS-AVAILABLE                PIC S9(11)V99.
       01  WS-REASON                   PIC X(24).
       01  WS-HEADING-1.
           05  FILLER                  PIC X(30)
               VALUE "ACCOUNT POSTING - EXCEPTIONS".
           05  FILLER                  PIC X(50) VALUE SPACES.
       01  WS-HEADING-2.
           05  FILLER                  PIC X(10) VALUE "ACCOUNT".
           05  FILLER                  PIC X(6)  VALUE "TYPE".
           05  FILLER                  PIC X(16) VALUE "AMOUNT".
           05  FILLER                  PIC X(12) VALUE "REFERENCE".
           05  FILLER                  PIC X(24) VALUE "REASON".
       01  WS-DETAIL.
           05  DL-ACCT-ID              PIC X(8).
           05  FILLER                  PIC X(3) VALUE SPACES.
           05  DL-TYPE                 PIC X.
           05  FILLER                  PIC X(3) VALUE SPACES.
           05  DL-AMOUNT               PIC Z,ZZZ,ZZ9.99.
           05  FILLER                  PIC X(3) VALUE SPACES.
           05  DL-REFERENCE            PIC X(10).
           05  FILLER                  PIC X(2) VALUE SPACES.
           05  DL-REASON               PIC X(24).
       01  WS-TOTAL-LINE.
           05  TL-LABEL                PIC X(20).
           05  TL-COUNT                PIC ZZ,ZZ9.
           05  FILLER                  PIC X(4) VALUE SPACES.
           05  TL-AMOUNT               PIC --,---,---,--9.99.
       PROCEDURE DIVISION.
       0000-MAIN.
           PERFORM 1000-OPEN-FILES
           PERFORM 1100-READ-MASTER
           PERFORM 1200-READ-TRANSACTION
           PERFORM 2000-MATCH
               UNTIL WS-MASTER-KEY = HIGH-VALUES
                 AND WS-TRANS-KEY = HIGH-VALUES
           PERFORM 9000-CONTROL-TOTALS
           PERFORM 9900-CLOSE-FILES
           STOP RUN.
       1000-OPEN-FILES.
           OPEN INPUT MASTER-IN
           IF WS-MASTER-STATUS NOT = "00"
               DISPLAY "ACCTMAST OPEN FAILED, STATUS " WS-MASTER-STATUS
               STOP RUN
           END-IF
           OPEN INPUT TRANS-IN
           IF WS-TRANS-STATUS NOT = "00"
               DISPLAY "DAILYTRN OPEN FAILED, STATUS " WS-TRANS-STATUS
               CLOSE MASTER-IN
               STOP RUN
           END-IF
           OPEN OUTPUT MASTER-OUT REPORT-FILE
           WRITE REPORT-LINE FROM WS-HEADING-1 AFTER ADVANCING PAGE
           WRITE REPORT-LINE FROM WS-HEADING-2 AFTER ADVANCING 2 LINES
           MOVE SPACES TO REPORT-LINE
           WRITE REPORT-LINE AFTER ADVANCING 1 LINE.
       1100-READ-MASTER.
           READ MASTER-IN
               AT END
                   MOVE HIGH-VALUES TO WS-MASTER-KEY
               NOT AT END
                   ADD 1 TO WS-MASTERS-READ
                   MOVE MI-ACCT-ID TO WS-MASTER-KEY
           END-READ.
       1200-READ-TRANSACTION.
           READ TRANS-IN
               AT END
                   MOVE HIGH-VALUES TO WS-TRANS-KEY
               NOT AT END
                   ADD 1 TO WS-TRANS-READ
                   MOVE TR-ACCT-ID TO WS-TRANS-KEY
           END-READ.
       2000-MATCH.
           EVALUATE TRUE
               WHEN WS-TRANS-KEY < WS-MASTER-KEY
                   MOVE "NO MASTER RECORD" TO WS-REASON
                   PERFORM 3900-REJECT
                   PERFORM 1200-READ-TRANSACTION
               WHEN WS-TRANS-KEY = WS-MASTER-KEY
                   PERFORM 3000-APPLY
                   PERFORM 1200-READ-TRANSACTION
               WHEN OTHER
                   WRITE MASTER-OUT-REC FROM MASTER-IN-REC
                   ADD 1 TO WS-MASTERS-WRITTEN
                   PERFORM 1100-READ-MASTER
           END-EVALUATE.
       3000-APPLY.
           IF MI-STATUS = "C"
               MOVE "ACCOUNT CLOSED" TO WS-REASON
               PERFORM 3900-REJECT
           ELSE
               EVALUATE TRUE
                   WHEN TR-DEPOSIT OR TR-INTEREST
                       ADD TR-AMOUNT TO MI-BALANCE
                       ADD TR-AMOUNT TO WS-TOTAL-CREDITS
                       ADD 1 TO WS-TRANS-POSTED
                   WHEN TR-WITHDRAWAL OR TR-FEE
                       COMPUTE WS-AVAILABLE = MI-BALANCE + MI-OD-LIMIT
                       IF TR-AMOUNT > WS-AVAILABLE AND TR-WITHDRAWAL
                           MOVE "OVERDRAFT LIMIT EXCEEDED" TO WS-REASON
                           PERFORM 3900-REJECT
                       ELSE
                           SUBTRACT TR-AMOUNT FROM MI-BALANCE
                           ADD TR-AMOUNT TO WS-TOTAL-DEBITS
                           ADD 1 TO WS-TRANS-POSTED
                       END-IF
                   WHEN OTHER
                       MOVE "UNKNOWN TRANSACTION TYPE" TO WS-REASON
                       PERFORM 3900-REJECT
               END-EVALUATE
           END-IF.
       3900-REJECT.
           ADD 1 TO WS-TRANS-REJECTED
           MOVE TR-ACCT-ID TO DL-ACCT-ID
           MOVE TR-TYPE TO DL-TYPE
           MOVE TR-AMOUNT TO DL-AMOUNT
           MOVE TR-REFERENCE TO DL-REFERENCE
           MOVE WS-REASON TO DL-REASON
           WRITE REPORT-LINE FROM WS-DETAIL AFTER ADVANCING 1 LINE.
       9000-CONTROL-TOTALS.
           COMPUTE WS-NET-MOVEMENT = WS-TOTAL-CREDITS - WS-TOTAL-DEBITS
           MOVE SPACES TO REPORT-LINE
           WRITE REPORT-LINE AFTER ADVANCING 2 LINES
           MOVE "MASTERS READ" TO TL-LABEL
           MOVE WS-MASTERS-READ TO TL-COUNT
           MOVE ZERO TO TL-AMOUNT
           WRITE REPORT-LINE FROM WS-TOTAL-LINE AFTER ADVANCING 1 LINE
           MOVE "MASTERS WRITTEN" TO TL-LABEL
           MOVE WS-MASTERS-WRITTEN TO TL-COUNT
           WRITE REPORT-LINE FROM WS-TOTAL-LINE AFTER ADVANCING 1 LINE
           MOVE "CREDITS POSTED" TO TL-LABEL
           MOVE WS-TRANS-POSTED TO TL-COUNT
           MOVE WS-TOTAL-CREDITS TO TL-AMOUNT
           WRITE REPORT-LINE FROM WS-TOTAL-LINE AFTER ADVANCING 1 LINE
           MOVE "DEBITS POSTED" TO TL-LABEL
           MOVE WS-TOTAL-DEBITS TO TL-AMOUNT
           WRITE REPORT-LINE FROM WS-TOTAL-LINE AFTER ADVANCING 1 LINE
           MOVE "REJECTED" TO TL-LABEL
           MOVE WS-TRANS-REJECTED TO TL-COUNT
           MOVE WS-NET-MOVEMENT TO TL-AMOUNT
           WRITE REPORT-LINE FROM WS-TOTAL-LINE AFTER ADVANCING 1 LINE
           DISPLAY "ACCOUNT-POSTING TRANSACTIONS READ " WS-TRANS-READ
           DISPLAY "  POSTED   " WS-TRANS-POSTED
           DISPLAY "  REJECTED " WS-TRANS-REJECTED
           DISPLAY "  NET MOVEMENT " WS-NET-MOVEMENT.
       9900-CLOSE-FILES.
           CLOSE MASTER-IN TRANS-IN MASTER-OUT REPORT-FILE
           IF WS-NEW-STATUS NOT = "00"
               DISPLAY "ACCTNEW CLOSE FAILED, STATUS " WS-NEW-STATUS
           END-IF.
