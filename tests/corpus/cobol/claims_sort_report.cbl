      *================================================================*
      * CLAIMS-SORT-REPORT - MONTH-END CLAIMS EXPOSURE REPORT          *
      * SELECTS OPEN AND PAID CLAIMS FROM THE CLAIMS EXTRACT, SORTS    *
      * THEM BY REGION AND LINE OF BUSINESS (LARGEST LOSS FIRST) AND   *
      * PRINTS A REPORT WITH SUBTOTALS PER LINE, TOTALS PER REGION AND *
      * A GRAND TOTAL. DENIED CLAIMS ARE COUNTED, NOT REPORTED.        *
      *================================================================*
       IDENTIFICATION DIVISION.
       PROGRAM-ID. CLAIMS-SORT-REPORT.
       ENVIRONMENT DIVISION.
       INPUT-OUTPUT SECTION.
       FILE-CONTROL.
           SELECT CLAIMS-FILE ASSIGN TO "CLAIMS"
               ORGANIZATION IS LINE SEQUENTIAL
               FILE STATUS IS WS-CLAIMS-STATUS.
           SELECT SORT-WORK ASSIGN TO "SORTWK1".
           SELECT REPORT-FILE ASSIGN TO "CLMRPT"
               ORGANIZATION IS LINE SEQUENTIAL.
       DATA DIVISION.
       FILE SECTION.
       FD  CLAIMS-FILE.
       01  CLAIM-REC.
           05  CL-CLAIM-ID             PIC X(10).
           05  CL-POLICY               PIC X(8).
           05  CL-REGION               PIC X(2).
           05  CL-LINE                 PIC X(3).
           05  CL-LOSS-DATE            PIC 9(8).
           05  CL-AMOUNT               PIC 9(7)V99.
           05  CL-STATUS               PIC X.
               88  CL-OPEN             VALUE "O".
               88  CL-PAID             VALUE "P".
               88  CL-DENIED           VALUE "D".
       SD  SORT-WORK.
       01  SORT-REC.
           05  SW-REGION               PIC X(2).
           05  SW-LINE                 PIC X(3).
           05  SW-AMOUNT               PIC 9(7)V99.
           05  SW-CLAIM-ID             PIC X(10).
           05  SW-POLICY               PIC X(8).
           05  SW-LOSS-DATE            PIC 9(8).
           05  SW-STATUS               PIC X.
       FD  REPORT-FILE.
       01  REPORT-LINE                 PIC X(72).
       WORKING-STORAGE SECTION.
       01  WS-CLAIMS-STATUS            PIC XX.
       01  WS-FLAGS.
           05  WS-CLAIMS-EOF           PIC X VALUE "N".
               88  CLAIMS-DONE         VALUE "Y".
           05  WS-SORT-EOF             PIC X VALUE "N".
               88  SORT-DONE           VALUE "Y".
       01  WS-PREVIOUS.
           05  WS-PREV-REGION          PIC X(2).
           05  WS-PREV-LINE            PIC X(3).
       01  WS-COUNTS.
           05  WS-READ                 PIC 9(5) VALUE 0.
           05  WS-SELECTED             PIC 9(5) VALUE 0.
           05  WS-DENIED               PIC 9(5) VALUE 0.
           05  WS-PAGE                 PIC 9(3) VALUE 0.
       01  WS-TOTALS.
           05  WS-LINE-TOTAL           PIC 9(9)V99 VALUE 0.
           05  WS-LINE-COUNT           PIC 9(5) VALUE 0.
           05  WS-REGION-TOTAL         PIC 9(9)V99 VALUE 0.
           05  WS-GRAND-TOTAL          PIC 9(9)V99 VALUE 0.
           05  WS-OPEN-TOTAL           PIC 9(9)V99 VALUE 0.
       01  WS-HEADING.
           05  FILLER                  PIC X(24)
               VALUE "CLAIMS EXPOSURE - REGION".
           05  HD-REGION               PIC X(4).
           05  FILLER                  PIC X(36) VALUE SPACES.
           05  FILLER                  PIC X(5) VALUE "PAGE ".
           05  HD-PAGE                 PIC ZZ9.
       01  WS-COLUMNS.
           05  FILLER                  PIC X(6)  VALUE "LINE".
           05  FILLER                  PIC X(12) VALUE "CLAIM".
           05  FILLER                  PIC X(10) VALUE "POLICY".
           05  FILLER                  PIC X(12) VALUE "LOSS DATE".
           05  FILLER                  PIC X(8)  VALUE "STATUS".
           05  FILLER                  PIC X(14) VALUE "      AMOUNT".
       01  WS-DETAIL.
           05  DT-LINE                 PIC X(3).
           05  FILLER                  PIC X(3) VALUE SPACES.
           05  DT-CLAIM-ID             PIC X(10).
           05  FILLER                  PIC X(2) VALUE SPACES.
           05  DT-POLICY               PIC X(8).
           05  FILLER                  PIC X(2) VALUE SPACES.
           05  DT-LOSS-DATE            PIC 9999/99/99.
           05  FILLER                  PIC X(2) VALUE SPACES.
           05  DT-STATUS               PIC X(6).
           05  FILLER                  PIC X(2) VALUE SPACES.
           05  DT-AMOUNT               PIC Z,ZZZ,ZZ9.99.
       01  WS-SUBTOTAL.
           05  FILLER                  PIC X(6) VALUE SPACES.
           05  ST-LABEL                PIC X(20).
           05  ST-COUNT                PIC ZZ,ZZ9.
           05  FILLER                  PIC X(6) VALUE " CLMS ".
           05  ST-AMOUNT               PIC $$$,$$$,$$9.99.
       PROCEDURE DIVISION.
       0000-MAIN SECTION.
       0000-START.
           SORT SORT-WORK
               ON ASCENDING KEY SW-REGION SW-LINE
               ON DESCENDING KEY SW-AMOUNT
               INPUT PROCEDURE IS 1000-SELECT-CLAIMS
               OUTPUT PROCEDURE IS 2000-PRINT-REPORT
           DISPLAY "CLAIMS READ     " WS-READ
           DISPLAY "CLAIMS SELECTED " WS-SELECTED
           DISPLAY "CLAIMS DENIED   " WS-DENIED
           DISPLAY "GRAND TOTAL     " WS-GRAND-TOTAL
           DISPLAY "STILL OPEN      " WS-OPEN-TOTAL
           STOP RUN.
       1000-SELECT-CLAIMS SECTION.
       1000-OPEN.
           OPEN INPUT CLAIMS-FILE
           IF WS-CLAIMS-STATUS NOT = "00"
               DISPLAY "CLAIMS FILE NOT AVAILABLE: " WS-CLAIMS-STATUS
               SET CLAIMS-DONE TO TRUE
           END-IF
           PERFORM 1100-READ-CLAIM
           PERFORM 1200-SELECT-CLAIM UNTIL CLAIMS-DONE
           CLOSE CLAIMS-FILE.
       1900-SELECTION-ROUTINES SECTION.
       1100-READ-CLAIM.
           IF NOT CLAIMS-DONE
               READ CLAIMS-FILE
                   AT END SET CLAIMS-DONE TO TRUE
                   NOT AT END ADD 1 TO WS-READ
               END-READ
           END-IF.
       1200-SELECT-CLAIM.
           IF CL-DENIED
               ADD 1 TO WS-DENIED
           ELSE
               MOVE CL-REGION TO SW-REGION
               MOVE CL-LINE TO SW-LINE
               MOVE CL-AMOUNT TO SW-AMOUNT
               MOVE CL-CLAIM-ID TO SW-CLAIM-ID
               MOVE CL-POLICY TO SW-POLICY
               MOVE CL-LOSS-DATE TO SW-LOSS-DATE
               MOVE CL-STATUS TO SW-STATUS
               RELEASE SORT-REC
               ADD 1 TO WS-SELECTED
           END-IF
           PERFORM 1100-READ-CLAIM.
       2000-PRINT-REPORT SECTION.
       2000-START.
           OPEN OUTPUT REPORT-FILE
           PERFORM 2100-RETURN-CLAIM
           IF NOT SORT-DONE
               MOVE SW-REGION TO WS-PREV-REGION
               MOVE SW-LINE TO WS-PREV-LINE
               PERFORM 2400-PAGE-HEADING
           END-IF
           PERFORM 2200-PRINT-CLAIM UNTIL SORT-DONE
           IF WS-SELECTED > 0
               PERFORM 2500-LINE-BREAK
               PERFORM 2600-REGION-BREAK
           END-IF
           MOVE "GRAND TOTAL" TO ST-LABEL
           MOVE WS-SELECTED TO ST-COUNT
           MOVE WS-GRAND-TOTAL TO ST-AMOUNT
           WRITE REPORT-LINE FROM WS-SUBTOTAL AFTER ADVANCING 3 LINES
           CLOSE REPORT-FILE.
       2900-REPORT-ROUTINES SECTION.
       2100-RETURN-CLAIM.
           RETURN SORT-WORK
               AT END SET SORT-DONE TO TRUE
           END-RETURN.
       2200-PRINT-CLAIM.
           IF SW-REGION NOT = WS-PREV-REGION
               PERFORM 2500-LINE-BREAK
               PERFORM 2600-REGION-BREAK
               MOVE SW-REGION TO WS-PREV-REGION
               MOVE SW-LINE TO WS-PREV-LINE
               PERFORM 2400-PAGE-HEADING
           ELSE
               IF SW-LINE NOT = WS-PREV-LINE
                   PERFORM 2500-LINE-BREAK
                   MOVE SW-LINE TO WS-PREV-LINE
               END-IF
           END-IF
           MOVE SW-LINE TO DT-LINE
           MOVE SW-CLAIM-ID TO DT-CLAIM-ID
           MOVE SW-POLICY TO DT-POLICY
           MOVE SW-LOSS-DATE TO DT-LOSS-DATE
           EVALUATE SW-STATUS
               WHEN "O"
                   MOVE "OPEN" TO DT-STATUS
                   ADD SW-AMOUNT TO WS-OPEN-TOTAL
               WHEN "P"
                   MOVE "PAID" TO DT-STATUS
               WHEN OTHER
                   MOVE "?" TO DT-STATUS
           END-EVALUATE
           MOVE SW-AMOUNT TO DT-AMOUNT
           WRITE REPORT-LINE FROM WS-DETAIL AFTER ADVANCING 1 LINE
           ADD SW-AMOUNT TO WS-LINE-TOTAL
           ADD 1 TO WS-LINE-COUNT
           PERFORM 2100-RETURN-CLAIM.
       2400-PAGE-HEADING.
           ADD 1 TO WS-PAGE
           MOVE WS-PREV-REGION TO HD-REGION
           MOVE WS-PAGE TO HD-PAGE
           WRITE REPORT-LINE FROM WS-HEADING AFTER ADVANCING PAGE
           WRITE REPORT-LINE FROM WS-COLUMNS AFTER ADVANCING 2 LINES
           MOVE ALL "-" TO REPORT-LINE
           WRITE REPORT-LINE AFTER ADVANCING 1 LINE.
       2500-LINE-BREAK.
           MOVE SPACES TO ST-LABEL
           STRING "TOTAL " WS-PREV-LINE DELIMITED BY SIZE
               INTO ST-LABEL
           MOVE WS-LINE-COUNT TO ST-COUNT
           MOVE WS-LINE-TOTAL TO ST-AMOUNT
           WRITE REPORT-LINE FROM WS-SUBTOTAL AFTER ADVANCING 1 LINE
           ADD WS-LINE-TOTAL TO WS-REGION-TOTAL
           MOVE 0 TO WS-LINE-TOTAL WS-LINE-COUNT.
       2600-REGION-BREAK.
           MOVE SPACES TO ST-LABEL
           STRING "REGION " WS-PREV-REGION " TOTAL" DELIMITED BY SIZE
               INTO ST-LABEL
           MOVE ZERO TO ST-COUNT
           MOVE WS-REGION-TOTAL TO ST-AMOUNT
           WRITE REPORT-LINE FROM WS-SUBTOTAL AFTER ADVANCING 2 LINES
           ADD WS-REGION-TOTAL TO WS-GRAND-TOTAL
           MOVE 0 TO WS-REGION-TOTAL.
