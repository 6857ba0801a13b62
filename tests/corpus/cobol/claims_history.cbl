      * Claims history per policy: the claims of each policy are kept
      * in a table of varying length (OCCURS DEPENDING ON), archived
      * as one record whose length follows the claim count, searched
      * for the first open claim, and summed. Policies without claims
      * get a blank summary line.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. CLMHIST.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 INPUT-LINE.
          05 IN-KIND               PIC X.
             88 POLICY-LINE        VALUE "P".
             88 CLAIM-LINE         VALUE "C".
          05 IN-DATA               PIC X(40).
       01 POLICY-DATA REDEFINES INPUT-LINE.
          05 FILLER                PIC X.
          05 PD-POLICY             PIC X(8).
          05 PD-HOLDER             PIC X(20).
          05 FILLER                PIC X(12).
       01 CLAIM-DATA REDEFINES INPUT-LINE.
          05 FILLER                PIC X.
          05 CD-NUMBER             PIC 9(6).
          05 CD-DATE               PIC 9(8).
          05 CD-AMOUNT             PIC 9(7)V99.
          05 CD-STATUS             PIC X.
          05 FILLER                PIC X(16).
       01 CLAIM-COUNT              PIC 99 VALUE 0.
       01 POLICY-CLAIMS.
          05 PC-POLICY             PIC X(8).
          05 PC-COUNT              PIC 99.
          05 PC-CLAIM OCCURS 0 TO 20 TIMES
                DEPENDING ON CLAIM-COUNT
                INDEXED BY CX.
             10 PC-NUMBER          PIC 9(6).
             10 PC-AMOUNT          PIC 9(7)V99.
             10 PC-STATUS          PIC X.
                88 PC-OPEN         VALUE "O".
       01 ARCHIVE-LINE             PIC X(120).
       01 SUMMARY-LINE.
          05 SL-POLICY             PIC X(8).
          05 FILLER                PIC X VALUE SPACE.
          05 SL-CLAIMS             PIC Z9.
          05 FILLER                PIC X VALUE SPACE.
          05 SL-TOTAL              PIC 9(8)V99.
          05 FILLER                PIC X VALUE SPACE.
          05 SL-OPEN-CLAIM         PIC 9(6).
       01 AUDIT-REC.
          05 AU-POLICY             PIC X(8).
          05 AU-TOTAL              PIC S9(8)V99 COMP-3.
          05 AU-CLAIMS             PIC S9(4) COMP.
       01 AUDIT-COPY.
          05 AC-POLICY             PIC X(8).
          05 AC-TOTAL              PIC S9(8)V99 COMP-3.
          05 AC-CLAIMS             PIC S9(4) COMP.
       01 TOTAL-AMOUNT             PIC 9(8)V99.
       01 K                        PIC 99.
       01 O-TOTAL                  PIC Z(7)9.99.
       01 HAVE-POLICY              PIC X VALUE "N".
       01 EOF-FLAG                 PIC X VALUE "N".
          88 NO-MORE-LINES         VALUE "Y".
       PROCEDURE DIVISION.
       MAIN-LINE.
           PERFORM READ-LINE
           PERFORM TAKE-LINE UNTIL NO-MORE-LINES
           IF HAVE-POLICY = "Y"
               PERFORM CLOSE-POLICY
           END-IF
           STOP RUN.
       READ-LINE.
           MOVE SPACES TO INPUT-LINE
           ACCEPT INPUT-LINE
           IF INPUT-LINE = SPACES
               SET NO-MORE-LINES TO TRUE
           END-IF.
       TAKE-LINE.
           EVALUATE TRUE
               WHEN POLICY-LINE
                   IF HAVE-POLICY = "Y"
                       PERFORM CLOSE-POLICY
                   END-IF
                   MOVE "Y" TO HAVE-POLICY
                   MOVE 0 TO CLAIM-COUNT
                   MOVE PD-POLICY TO PC-POLICY
                   DISPLAY "POLICY " PD-POLICY " " PD-HOLDER
               WHEN CLAIM-LINE
                   IF CLAIM-COUNT < 20
                       ADD 1 TO CLAIM-COUNT
                       MOVE CD-NUMBER TO PC-NUMBER(CLAIM-COUNT)
                       MOVE CD-AMOUNT TO PC-AMOUNT(CLAIM-COUNT)
                       MOVE CD-STATUS TO PC-STATUS(CLAIM-COUNT)
                   END-IF
           END-EVALUATE
           PERFORM READ-LINE.
       CLOSE-POLICY.
           MOVE CLAIM-COUNT TO PC-COUNT
           MOVE POLICY-CLAIMS TO ARCHIVE-LINE
           DISPLAY "ARCHIVED [" POLICY-CLAIMS "]"
           DISPLAY "PADDED   [" ARCHIVE-LINE(1:70) "]"
           IF CLAIM-COUNT = 0
               MOVE SPACES TO SUMMARY-LINE
               MOVE PC-POLICY TO SL-POLICY
               DISPLAY "SUMMARY  [" SUMMARY-LINE "]"
           ELSE
               MOVE 0 TO TOTAL-AMOUNT
               PERFORM VARYING K FROM 1 BY 1 UNTIL K > CLAIM-COUNT
                   ADD PC-AMOUNT(K) TO TOTAL-AMOUNT
               END-PERFORM
               MOVE PC-POLICY TO SL-POLICY
               MOVE CLAIM-COUNT TO SL-CLAIMS
               MOVE TOTAL-AMOUNT TO SL-TOTAL
               SET CX TO 1
               SEARCH PC-CLAIM
                   AT END
                       MOVE ZERO TO SL-OPEN-CLAIM
                   WHEN PC-OPEN(CX)
                       MOVE PC-NUMBER(CX) TO SL-OPEN-CLAIM
               END-SEARCH
               DISPLAY "SUMMARY  [" SUMMARY-LINE "]"
           END-IF
           MOVE PC-POLICY TO AU-POLICY
           MOVE TOTAL-AMOUNT TO AU-TOTAL
           MOVE CLAIM-COUNT TO AU-CLAIMS
           MOVE AUDIT-REC TO AUDIT-COPY
           MOVE AC-TOTAL TO O-TOTAL
           DISPLAY "AUDIT    " AC-POLICY " " O-TOTAL " " AC-CLAIMS
           INITIALIZE POLICY-CLAIMS
           DISPLAY "CLEARED  [" POLICY-CLAIMS "]"
           MOVE 0 TO TOTAL-AMOUNT.
