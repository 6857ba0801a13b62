      * Insurance policy extract: one input layout per record type
      * (header, policy, claim, trailer), told apart by the first
      * byte and described with REDEFINES over the same 59 bytes.
      * Totals are checked against the trailer; RENAMES gives the
      * money fields of the totals record a name of their own.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. POLREC.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 IN-REC.
          05 REC-TYPE               PIC X.
             88 HEADER-REC          VALUE "H".
             88 POLICY-REC          VALUE "P".
             88 CLAIM-REC           VALUE "C".
             88 TRAILER-REC         VALUE "T".
          05 REC-BODY               PIC X(59).
          05 HEADER-BODY REDEFINES REC-BODY.
             10 RUN-DATE            PIC 9(8).
             10 RUN-DATE-PARTS REDEFINES RUN-DATE.
                15 RUN-YYYY         PIC 9(4).
                15 RUN-MM           PIC 99.
                15 RUN-DD           PIC 99.
             10 COMPANY             PIC X(30).
             10 FILLER              PIC X(21).
          05 POLICY-BODY REDEFINES REC-BODY.
             10 POL-NUMBER          PIC X(10).
             10 POL-HOLDER          PIC X(20).
             10 POL-PREMIUM         PIC 9(5)V99.
             10 POL-START           PIC 9(8).
             10 POL-TERM-MONTHS     PIC 99.
             10 FILLER              PIC X(12).
          05 CLAIM-BODY REDEFINES REC-BODY.
             10 CLM-POLICY          PIC X(10).
             10 CLM-NUMBER          PIC 9(6).
             10 CLM-AMOUNT          PIC 9(7)V99.
             10 CLM-STATUS          PIC X.
                88 CLM-APPROVED     VALUE "A".
                88 CLM-REJECTED     VALUE "R".
             10 FILLER              PIC X(33).
          05 TRAILER-BODY REDEFINES REC-BODY.
             10 TRL-RECORDS         PIC 9(5).
             10 TRL-PREMIUM         PIC 9(9)V99.
             10 FILLER              PIC X(43).
       01 TOTALS.
          05 TOT-RECORDS            PIC 9(5) VALUE 0.
          05 TOT-PREMIUM            PIC S9(9)V99 VALUE 0.
          05 TOT-CLAIMED            PIC S9(9)V99 VALUE 0.
          05 TOT-REJECTED           PIC 9(3) VALUE 0.
       66 TOT-MONEY RENAMES TOT-PREMIUM THRU TOT-CLAIMED.
       66 TOT-COUNT RENAMES TOT-RECORDS.
       01 PRINT-LINE                PIC X(64).
       01 POLICY-LINE REDEFINES PRINT-LINE.
          05 PL-NUMBER              PIC X(10).
          05 FILLER                 PIC X.
          05 PL-HOLDER              PIC X(20).
          05 PL-PREMIUM             PIC ZZ,ZZ9.99.
          05 FILLER                 PIC X.
          05 PL-START.
             10 PL-DD               PIC 99.
             10 PL-SLASH1           PIC X.
             10 PL-MM               PIC 99.
             10 PL-SLASH2           PIC X.
             10 PL-YYYY             PIC 9(4).
          05 FILLER                 PIC X.
          05 PL-END-YEAR            PIC 9(4).
          05 FILLER                 PIC X(8).
       01 CLAIM-LINE REDEFINES PRINT-LINE.
          05 FILLER                 PIC X(4).
          05 CL-NUMBER              PIC 9(6).
          05 FILLER                 PIC X.
          05 CL-POLICY              PIC X(10).
          05 FILLER                 PIC X.
          05 CL-AMOUNT              PIC Z,ZZZ,ZZ9.99-.
          05 FILLER                 PIC X.
          05 CL-VERDICT             PIC X(8).
          05 FILLER                 PIC X(20).
       01 DATE-WORK                 PIC 9(8).
       01 DATE-PARTS REDEFINES DATE-WORK.
          05 DW-YYYY                PIC 9(4).
          05 DW-MM                  PIC 99.
          05 DW-DD                  PIC 99.
       01 END-MONTH                 PIC 9(3).
       01 EOF-FLAG                  PIC X VALUE "N".
          88 NO-MORE-RECORDS        VALUE "Y".
       PROCEDURE DIVISION.
       MAIN-LINE.
           PERFORM READ-RECORD
           PERFORM PROCESS-RECORD UNTIL NO-MORE-RECORDS
           DISPLAY "TOTAL MONEY BYTES: " TOT-MONEY
           DISPLAY "RECORDS READ:      " TOT-COUNT
           STOP RUN.
       READ-RECORD.
           ACCEPT IN-REC
           IF IN-REC = SPACES
               SET NO-MORE-RECORDS TO TRUE
           ELSE
               ADD 1 TO TOT-RECORDS
           END-IF.
       PROCESS-RECORD.
           EVALUATE TRUE
               WHEN HEADER-REC
                   DISPLAY "EXTRACT FOR " COMPANY
                   DISPLAY "RUN DATE " RUN-DD "." RUN-MM "." RUN-YYYY
               WHEN POLICY-REC
                   PERFORM PRINT-POLICY
               WHEN CLAIM-REC
                   PERFORM PRINT-CLAIM
               WHEN TRAILER-REC
                   PERFORM CHECK-TRAILER
               WHEN OTHER
                   DISPLAY "UNKNOWN RECORD TYPE " REC-TYPE
                           " BODY " REC-BODY
           END-EVALUATE
           PERFORM READ-RECORD.
       PRINT-POLICY.
           MOVE SPACES TO PRINT-LINE
           MOVE POL-NUMBER TO PL-NUMBER
           MOVE POL-HOLDER TO PL-HOLDER
           MOVE POL-PREMIUM TO PL-PREMIUM
           MOVE POL-START TO DATE-WORK
           MOVE DW-DD TO PL-DD
           MOVE DW-MM TO PL-MM
           MOVE DW-YYYY TO PL-YYYY
           MOVE "/" TO PL-SLASH1 PL-SLASH2
           COMPUTE END-MONTH = DW-MM + POL-TERM-MONTHS - 1
           COMPUTE PL-END-YEAR = DW-YYYY + (END-MONTH / 12)
           ADD POL-PREMIUM TO TOT-PREMIUM
           DISPLAY POLICY-LINE.
       PRINT-CLAIM.
           MOVE SPACES TO PRINT-LINE
           MOVE "CLM " TO PRINT-LINE
           MOVE CLM-NUMBER TO CL-NUMBER
           MOVE CLM-POLICY TO CL-POLICY
           EVALUATE TRUE
               WHEN CLM-APPROVED
                   MOVE CLM-AMOUNT TO CL-AMOUNT
                   SUBTRACT CLM-AMOUNT FROM TOT-PREMIUM
                   ADD CLM-AMOUNT TO TOT-CLAIMED
                   MOVE "PAID" TO CL-VERDICT
               WHEN CLM-REJECTED
                   COMPUTE CL-AMOUNT = 0 - CLM-AMOUNT
                   ADD 1 TO TOT-REJECTED
                   MOVE "REJECTED" TO CL-VERDICT
               WHEN OTHER
                   MOVE ZERO TO CL-AMOUNT
                   MOVE "PENDING" TO CL-VERDICT
           END-EVALUATE
           DISPLAY CLAIM-LINE.
       CHECK-TRAILER.
           SUBTRACT 1 FROM TOT-RECORDS
           IF TRL-RECORDS = TOT-RECORDS
               DISPLAY "RECORD COUNT AGREES: " TRL-RECORDS
           ELSE
               DISPLAY "RECORD COUNT OFF: TRAILER " TRL-RECORDS
                       " READ " TOT-RECORDS
           END-IF
           DISPLAY "TRAILER PREMIUM " TRL-PREMIUM
                   " NET PREMIUM " TOT-PREMIUM
           DISPLAY "REJECTED CLAIMS " TOT-REJECTED.
