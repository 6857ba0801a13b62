      *================================================================*
      * BRANCH-MERGE - END-OF-DAY CONSOLIDATION OF BRANCH TELLER FILES *
      * MERGES THE TELLER JOURNALS OF THE BRANCHES (EACH IN ACCOUNT    *
      * AND TIME ORDER; A BRANCH THAT SENT NOTHING IS OPTIONAL) INTO   *
      * ONE FIXED-LENGTH JOURNAL, SUMMARISES IT PER ACCOUNT, FLAGS     *
      * ACCOUNTS FOR REVIEW IN PLACE (REWRITE) AND APPENDS A LINE TO   *
      * THE RUN LOG.                                                   *
      *================================================================*
       IDENTIFICATION DIVISION.
       PROGRAM-ID. BRANCH-MERGE.
       ENVIRONMENT DIVISION.
       INPUT-OUTPUT SECTION.
       FILE-CONTROL.
           SELECT BRANCH-NORTH ASSIGN TO "BRNORTH"
               ORGANIZATION IS LINE SEQUENTIAL.
           SELECT BRANCH-SOUTH ASSIGN TO "BRSOUTH"
               ORGANIZATION IS LINE SEQUENTIAL.
           SELECT OPTIONAL BRANCH-EAST ASSIGN TO "BREAST"
               ORGANIZATION IS LINE SEQUENTIAL.
           SELECT MERGE-WORK ASSIGN TO "MRGWORK".
           SELECT JOURNAL ASSIGN TO "JOURNAL"
               ORGANIZATION IS RECORD SEQUENTIAL
               FILE STATUS IS WS-JOURNAL-STATUS.
           SELECT SUMMARY-FILE ASSIGN TO "ACCTSUM"
               ORGANIZATION IS SEQUENTIAL
               ACCESS MODE IS SEQUENTIAL
               FILE STATUS IS WS-SUMMARY-STATUS.
           SELECT RUN-LOG ASSIGN TO "RUNLOG"
               ORGANIZATION IS LINE SEQUENTIAL
               FILE STATUS IS WS-LOG-STATUS.
       DATA DIVISION.
       FILE SECTION.
       FD  BRANCH-NORTH.
       01  NORTH-REC                   PIC X(28).
       FD  BRANCH-SOUTH.
       01  SOUTH-REC                   PIC X(28).
       FD  BRANCH-EAST.
       01  EAST-REC                    PIC X(28).
       SD  MERGE-WORK.
       01  MERGE-REC.
           05  MG-ACCT                 PIC X(8).
           05  MG-TIME                 PIC 9(6).
           05  FILLER                  PIC X(14).
       FD  JOURNAL.
       01  JOURNAL-REC.
           05  JR-ACCT                 PIC X(8).
           05  JR-TIME                 PIC 9(6).
           05  JR-TYPE                 PIC X.
               88  JR-CREDIT           VALUE "C".
               88  JR-DEBIT            VALUE "D".
           05  JR-AMOUNT               PIC 9(7)V99.
           05  JR-TELLER               PIC X(4).
       FD  SUMMARY-FILE.
       01  SUMMARY-REC.
           05  SM-ACCT                 PIC X(8).
           05  SM-COUNT                PIC 9(4).
           05  SM-CREDITS              PIC 9(9)V99.
           05  SM-DEBITS               PIC 9(9)V99.
           05  SM-NET                  PIC S9(9)V99.
           05  SM-FLAG                 PIC X.
               88  SM-REVIEW           VALUE "R".
       FD  RUN-LOG.
       01  LOG-LINE                    PIC X(60).
       WORKING-STORAGE SECTION.
       01  WS-JOURNAL-STATUS           PIC XX.
       01  WS-SUMMARY-STATUS           PIC XX.
       01  WS-LOG-STATUS               PIC XX.
       01  WS-EOF                      PIC X VALUE "N".
           88  AT-EOF                  VALUE "Y".
       01  WS-CURRENT-ACCT             PIC X(8) VALUE SPACES.
       01  WS-COUNTS.
           05  WS-JOURNAL-COUNT        PIC 9(5) VALUE 0.
           05  WS-ACCOUNTS             PIC 9(5) VALUE 0.
           05  WS-REVIEWS              PIC 9(5) VALUE 0.
       01  WS-TOTALS.
           05  WS-ALL-CREDITS          PIC 9(11)V99 VALUE 0.
           05  WS-ALL-DEBITS           PIC 9(11)V99 VALUE 0.
       01  WS-REVIEW-LIMIT             PIC 9(7)V99 VALUE 5000.00.
       01  WS-SHOW-NET                 PIC -(9)9.99.
       01  WS-LOG-DETAIL.
           05  FILLER          PIC X(16) VALUE "BRANCH-MERGE RUN".
           05  FILLER                  PIC X(10) VALUE " JOURNAL ".
           05  LG-JOURNAL              PIC ZZZZ9.
           05  FILLER                  PIC X(10) VALUE " ACCOUNTS ".
           05  LG-ACCOUNTS             PIC ZZZZ9.
           05  FILLER                  PIC X(9) VALUE " REVIEWS ".
           05  LG-REVIEWS              PIC ZZZZ9.
       PROCEDURE DIVISION.
       0000-MAIN.
           MERGE MERGE-WORK
               ON ASCENDING KEY MG-ACCT MG-TIME
               USING BRANCH-NORTH BRANCH-SOUTH BRANCH-EAST
               GIVING JOURNAL
           DISPLAY "MERGED JOURNAL STATUS " WS-JOURNAL-STATUS
           PERFORM 1000-SUMMARISE
           PERFORM 2000-FLAG-FOR-REVIEW
           PERFORM 3000-LIST-REVIEWS
           PERFORM 4000-LOG-RUN
           STOP RUN.
       1000-SUMMARISE.
           OPEN INPUT JOURNAL
           OPEN OUTPUT SUMMARY-FILE
           PERFORM 1100-READ-JOURNAL
           PERFORM UNTIL AT-EOF
               IF JR-ACCT NOT = WS-CURRENT-ACCT
                   PERFORM 1200-WRITE-SUMMARY
                   MOVE JR-ACCT TO WS-CURRENT-ACCT SM-ACCT
                   MOVE 0 TO SM-COUNT SM-CREDITS SM-DEBITS SM-NET
                   MOVE SPACE TO SM-FLAG
               END-IF
               ADD 1 TO SM-COUNT
               IF JR-CREDIT
                   ADD JR-AMOUNT TO SM-CREDITS SM-NET WS-ALL-CREDITS
               ELSE
                   ADD JR-AMOUNT TO SM-DEBITS WS-ALL-DEBITS
                   SUBTRACT JR-AMOUNT FROM SM-NET
               END-IF
               PERFORM 1100-READ-JOURNAL
           END-PERFORM
           PERFORM 1200-WRITE-SUMMARY
           CLOSE JOURNAL SUMMARY-FILE
           DISPLAY "JOURNAL RECORDS " WS-JOURNAL-COUNT
               " ACCOUNTS " WS-ACCOUNTS
           DISPLAY "ALL CREDITS " WS-ALL-CREDITS
               " ALL DEBITS " WS-ALL-DEBITS.
       1100-READ-JOURNAL.
           READ JOURNAL
               AT END SET AT-EOF TO TRUE
               NOT AT END ADD 1 TO WS-JOURNAL-COUNT
           END-READ.
       1200-WRITE-SUMMARY.
           IF WS-CURRENT-ACCT NOT = SPACES
               WRITE SUMMARY-REC
               ADD 1 TO WS-ACCOUNTS
           END-IF.
       2000-FLAG-FOR-REVIEW.
           OPEN I-O SUMMARY-FILE
           MOVE "N" TO WS-EOF
           PERFORM UNTIL AT-EOF
               READ SUMMARY-FILE
                   AT END
                       SET AT-EOF TO TRUE
                   NOT AT END
                       IF SM-NET < 0 OR SM-DEBITS > WS-REVIEW-LIMIT
                           SET SM-REVIEW TO TRUE
                           REWRITE SUMMARY-REC
                           ADD 1 TO WS-REVIEWS
                       END-IF
               END-READ
           END-PERFORM
           REWRITE SUMMARY-REC
           DISPLAY "REWRITE AFTER END STATUS " WS-SUMMARY-STATUS
           CLOSE SUMMARY-FILE.
       3000-LIST-REVIEWS.
           OPEN INPUT SUMMARY-FILE
           MOVE "N" TO WS-EOF
           PERFORM UNTIL AT-EOF
               READ SUMMARY-FILE
                   AT END SET AT-EOF TO TRUE
               END-READ
               IF NOT AT-EOF AND SM-REVIEW
                   MOVE SM-NET TO WS-SHOW-NET
                   DISPLAY "REVIEW " SM-ACCT " TXNS " SM-COUNT
                       " NET " WS-SHOW-NET
               END-IF
           END-PERFORM
           READ SUMMARY-FILE
           DISPLAY "READ AFTER END STATUS " WS-SUMMARY-STATUS
           CLOSE SUMMARY-FILE.
       4000-LOG-RUN.
           OPEN EXTEND RUN-LOG
           IF WS-LOG-STATUS NOT = "00"
               DISPLAY "RUN LOG NOT OPENED " WS-LOG-STATUS
           ELSE
               MOVE WS-JOURNAL-COUNT TO LG-JOURNAL
               MOVE WS-ACCOUNTS TO LG-ACCOUNTS
               MOVE WS-REVIEWS TO LG-REVIEWS
               WRITE LOG-LINE FROM WS-LOG-DETAIL
               CLOSE RUN-LOG
           END-IF.
