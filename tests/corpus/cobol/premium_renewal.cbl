      *================================================================*
      * PREMIUM-RENEWAL - RENEWAL NOTICES FOR NEXT MONTH'S POLICIES    *
      * SORTS THE POLICY EXTRACT BY AGENT (USING/GIVING), PRICES EACH  *
      * RENEWAL BY RISK CLASS AND CLAIMS HISTORY, THEN RANKS THE       *
      * RENEWALS BY NEW PREMIUM (RELEASE FROM / RETURN INTO) FOR THE   *
      * UNDERWRITERS' TOP-TEN LIST.                                    *
      *================================================================*
       IDENTIFICATION DIVISION.
       PROGRAM-ID. PREMIUM-RENEWAL.
       ENVIRONMENT DIVISION.
       INPUT-OUTPUT SECTION.
       FILE-CONTROL.
           SELECT POLICY-EXTRACT ASSIGN TO "POLEXTR"
               ORGANIZATION IS LINE SEQUENTIAL.
           SELECT POLICY-SORTED ASSIGN TO "POLSORT"
               ORGANIZATION IS LINE SEQUENTIAL
               FILE STATUS IS WS-SORTED-STATUS.
           SELECT NOTICES ASSIGN TO "NOTICES"
               ORGANIZATION IS LINE SEQUENTIAL.
           SELECT AGENT-SORT ASSIGN TO "SRTWK01".
           SELECT RANK-SORT ASSIGN TO "SRTWK02".
       DATA DIVISION.
       FILE SECTION.
       FD  POLICY-EXTRACT.
       01  EXTRACT-REC                 PIC X(40).
       FD  POLICY-SORTED.
       01  SORTED-REC                  PIC X(40).
       FD  NOTICES.
       01  NOTICE-LINE                 PIC X(64).
       SD  AGENT-SORT.
       01  AGENT-SORT-REC.
           05  AS-POLICY               PIC X(10).
           05  AS-AGENT                PIC X(5).
           05  FILLER                  PIC X(25).
       SD  RANK-SORT.
       01  RANK-REC.
           05  RK-NEW-PREMIUM          PIC 9(7)V99.
           05  RK-POLICY               PIC X(10).
           05  RK-AGENT                PIC X(5).
       WORKING-STORAGE SECTION.
       01  WS-SORTED-STATUS            PIC XX.
       01  WS-POLICY.
           05  PL-POLICY               PIC X(10).
           05  PL-AGENT                PIC X(5).
           05  PL-HOLDER               PIC X(15).
           05  PL-RISK-CLASS           PIC X.
               88  PL-PREFERRED        VALUE "P".
               88  PL-STANDARD         VALUE "S".
               88  PL-HIGH-RISK        VALUE "H".
           05  PL-PREMIUM              PIC 9(5)V99.
           05  PL-CLAIMS               PIC 9(2).
       01  WS-RANK.
           05  WR-NEW-PREMIUM          PIC 9(7)V99.
           05  WR-POLICY               PIC X(10).
           05  WR-AGENT                PIC X(5).
       01  WS-RATE                     PIC 9V9999.
       01  WS-NEW-PREMIUM              PIC 9(7)V99.
       01  WS-EOF                      PIC X VALUE "N".
           88  NO-MORE                 VALUE "Y".
       01  WS-RANK-NO                  PIC 99 VALUE 0.
       01  WS-NOTICES                  PIC 9(4) VALUE 0.
       01  WS-TOTAL-OLD                PIC 9(9)V99 VALUE 0.
       01  WS-TOTAL-NEW                PIC 9(9)V99 VALUE 0.
       01  WS-NOTICE.
           05  NT-AGENT                PIC X(5).
           05  FILLER                  PIC X VALUE SPACE.
           05  NT-POLICY               PIC X(10).
           05  FILLER                  PIC X VALUE SPACE.
           05  NT-HOLDER               PIC X(15).
           05  NT-OLD                  PIC ZZ,ZZ9.99.
           05  FILLER                  PIC X(4) VALUE " -> ".
           05  NT-NEW                  PIC Z,ZZZ,ZZ9.99.
           05  FILLER                  PIC X VALUE SPACE.
           05  NT-CLASS                PIC X.
       01  WS-SHOW-PREMIUM             PIC Z,ZZZ,ZZ9.99.
       PROCEDURE DIVISION.
       0000-MAIN.
           SORT AGENT-SORT ON ASCENDING KEY AS-AGENT AS-POLICY
               USING POLICY-EXTRACT
               GIVING POLICY-SORTED
           SORT RANK-SORT ON DESCENDING KEY RK-NEW-PREMIUM
               INPUT PROCEDURE IS 1000-PRICE-RENEWALS
               OUTPUT PROCEDURE IS 2000-TOP-TEN
           DISPLAY "NOTICES WRITTEN " WS-NOTICES
           MOVE WS-TOTAL-OLD TO WS-SHOW-PREMIUM
           DISPLAY "PREMIUM BEFORE  " WS-SHOW-PREMIUM
           MOVE WS-TOTAL-NEW TO WS-SHOW-PREMIUM
           DISPLAY "PREMIUM AFTER   " WS-SHOW-PREMIUM
           STOP RUN.
       1000-PRICE-RENEWALS.
           OPEN INPUT POLICY-SORTED OUTPUT NOTICES
           PERFORM UNTIL NO-MORE
               READ POLICY-SORTED INTO WS-POLICY
                   AT END SET NO-MORE TO TRUE
                   NOT AT END PERFORM 1100-PRICE-ONE
               END-READ
           END-PERFORM
           CLOSE POLICY-SORTED NOTICES.
       1100-PRICE-ONE.
           EVALUATE TRUE
               WHEN PL-PREFERRED MOVE 1.0150 TO WS-RATE
               WHEN PL-STANDARD  MOVE 1.0425 TO WS-RATE
               WHEN OTHER        MOVE 1.0975 TO WS-RATE
           END-EVALUATE
           IF PL-CLAIMS > 2
               ADD 0.0500 TO WS-RATE
           END-IF
           COMPUTE WS-NEW-PREMIUM ROUNDED = PL-PREMIUM * WS-RATE
           ADD PL-PREMIUM TO WS-TOTAL-OLD
           ADD WS-NEW-PREMIUM TO WS-TOTAL-NEW
           MOVE PL-AGENT TO NT-AGENT
           MOVE PL-POLICY TO NT-POLICY
           MOVE PL-HOLDER TO NT-HOLDER
           MOVE PL-PREMIUM TO NT-OLD
           MOVE WS-NEW-PREMIUM TO NT-NEW
           MOVE PL-RISK-CLASS TO NT-CLASS
           WRITE NOTICE-LINE FROM WS-NOTICE BEFORE ADVANCING 1 LINE
           ADD 1 TO WS-NOTICES
           MOVE WS-NEW-PREMIUM TO WR-NEW-PREMIUM
           MOVE PL-POLICY TO WR-POLICY
           MOVE PL-AGENT TO WR-AGENT
           RELEASE RANK-REC FROM WS-RANK.
       2000-TOP-TEN.
           MOVE "N" TO WS-EOF
           PERFORM UNTIL NO-MORE OR WS-RANK-NO = 10
               RETURN RANK-SORT INTO WS-RANK
                   AT END SET NO-MORE TO TRUE
                   NOT AT END
                       ADD 1 TO WS-RANK-NO
                       MOVE WR-NEW-PREMIUM TO WS-SHOW-PREMIUM
                       DISPLAY WS-RANK-NO ". " WR-POLICY " AGENT "
                           WR-AGENT " " WS-SHOW-PREMIUM
               END-RETURN
           END-PERFORM.
