      * Receivables aging: buckets by days outstanding, totals and
      * percentages per bucket.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. AGING.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 INV-LINE.
          05 INV-NO      PIC X(6).
          05 INV-DAYS    PIC 9(3).
          05 INV-AMT     PIC 9(6)V99.
       01 BUCKETS.
          05 BUCKET OCCURS 4.
             10 BUCKET-NAME PIC X(8).
             10 BUCKET-AMT  PIC 9(8)V99.
       01 B              PIC 9.
       01 TOTAL          PIC 9(9)V99 VALUE 0.
       01 PCT            PIC 999V9.
       01 O-AMT          PIC ZZ,ZZZ,ZZ9.99.
       01 O-PCT          PIC ZZ9.9.
       PROCEDURE DIVISION.
           MOVE "CURRENT" TO BUCKET-NAME (1)
           MOVE "31-60" TO BUCKET-NAME (2)
           MOVE "61-90" TO BUCKET-NAME (3)
           MOVE "OVER 90" TO BUCKET-NAME (4)
           ACCEPT INV-LINE
           PERFORM UNTIL INV-NO = "END"
               EVALUATE INV-DAYS
                   WHEN 0 THRU 30 MOVE 1 TO B
                   WHEN 31 THRU 60 MOVE 2 TO B
                   WHEN 61 THRU 90 MOVE 3 TO B
                   WHEN OTHER MOVE 4 TO B
               END-EVALUATE
               ADD INV-AMT TO BUCKET-AMT (B) TOTAL
               ACCEPT INV-LINE
           END-PERFORM
           PERFORM VARYING B FROM 1 BY 1 UNTIL B > 4
               IF TOTAL > 0
                   COMPUTE PCT ROUNDED = BUCKET-AMT (B) * 100 / TOTAL
               END-IF
               MOVE BUCKET-AMT (B) TO O-AMT
               MOVE PCT TO O-PCT
               DISPLAY BUCKET-NAME (B) O-AMT O-PCT "%"
           END-PERFORM
           MOVE TOTAL TO O-AMT
           DISPLAY "TOTAL   " O-AMT
           STOP RUN.
