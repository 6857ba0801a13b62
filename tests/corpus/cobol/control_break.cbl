      * Sales report with control breaks by region and a grand total.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. CTLBRK.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 SALES-IN.
          05 IN-REGION   PIC X(5).
          05 IN-REP      PIC X(8).
          05 IN-AMOUNT   PIC 9(5)V99.
       01 EOF-FLAG       PIC X VALUE "N".
          88 END-OF-INPUT VALUE "Y".
       01 PREV-REGION    PIC X(5) VALUE SPACES.
       01 REGION-TOTAL   PIC 9(7)V99 VALUE 0.
       01 GRAND-TOTAL    PIC 9(8)V99 VALUE 0.
       01 REGION-COUNT   PIC 99 VALUE 0.
       01 LINE-IN        PIC X(20).
       01 O-AMOUNT       PIC ZZ,ZZ9.99.
       01 O-TOTAL        PIC Z,ZZZ,ZZ9.99.
       01 O-GRAND        PIC $$,$$$,$$9.99.
       PROCEDURE DIVISION.
       0000-MAIN.
           DISPLAY "REGION REP        AMOUNT"
           PERFORM 1000-READ
           PERFORM 2000-PROCESS UNTIL END-OF-INPUT
           IF PREV-REGION NOT = SPACES
               PERFORM 3000-BREAK
           END-IF
           MOVE GRAND-TOTAL TO O-GRAND
           DISPLAY "GRAND TOTAL " O-GRAND
           STOP RUN.
       1000-READ.
           ACCEPT LINE-IN
           IF LINE-IN = "END" OR LINE-IN = SPACES
               SET END-OF-INPUT TO TRUE
           ELSE
               MOVE LINE-IN TO SALES-IN
           END-IF.
       2000-PROCESS.
           IF IN-REGION NOT = PREV-REGION AND PREV-REGION NOT = SPACES
               PERFORM 3000-BREAK
           END-IF
           MOVE IN-REGION TO PREV-REGION
           ADD IN-AMOUNT TO REGION-TOTAL GRAND-TOTAL
           ADD 1 TO REGION-COUNT
           MOVE IN-AMOUNT TO O-AMOUNT
           DISPLAY IN-REGION "  " IN-REP " " O-AMOUNT
           PERFORM 1000-READ.
       3000-BREAK.
           MOVE REGION-TOTAL TO O-TOTAL
           DISPLAY "  TOTAL " PREV-REGION " (" REGION-COUNT ") " O-TOTAL
           MOVE 0 TO REGION-TOTAL REGION-COUNT.
