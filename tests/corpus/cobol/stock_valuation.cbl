      * Inventory valuation at weighted average cost over receipts and
      * issues; issues beyond stock are rejected.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. STOCKVAL.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 MOVEMENT.
          05 MV-TYPE     PIC X.
          05 MV-QTY      PIC 9(5).
          05 MV-COST     PIC 9(4)V99.
       01 ON-HAND        PIC 9(6) VALUE 0.
       01 STOCK-VALUE    PIC 9(8)V99 VALUE 0.
       01 AVG-COST       PIC 9(4)V9999 VALUE 0.
       01 ISSUE-VALUE    PIC 9(8)V99.
       01 COGS           PIC 9(8)V99 VALUE 0.
       01 O-VALUE        PIC ZZ,ZZZ,ZZ9.99.
       01 O-AVG          PIC Z,ZZ9.9999.
       PROCEDURE DIVISION.
           PERFORM 7 TIMES
               ACCEPT MOVEMENT
               IF MV-TYPE = "R"
                   ADD MV-QTY TO ON-HAND
                   COMPUTE STOCK-VALUE = STOCK-VALUE + MV-QTY * MV-COST
               ELSE
                   IF MV-QTY > ON-HAND
                       DISPLAY "REJECT ISSUE OF " MV-QTY
                   ELSE
                       COMPUTE ISSUE-VALUE ROUNDED = MV-QTY * AVG-COST
                       SUBTRACT MV-QTY FROM ON-HAND
                       SUBTRACT ISSUE-VALUE FROM STOCK-VALUE
                       ADD ISSUE-VALUE TO COGS
                   END-IF
               END-IF
               IF ON-HAND > 0
                   DIVIDE STOCK-VALUE BY ON-HAND GIVING AVG-COST ROUNDED
               END-IF
               MOVE STOCK-VALUE TO O-VALUE
               MOVE AVG-COST TO O-AVG
               DISPLAY MV-TYPE " " ON-HAND " " O-VALUE " AVG " O-AVG
           END-PERFORM
           MOVE COGS TO O-VALUE
           DISPLAY "COST OF GOODS SOLD " O-VALUE
           STOP RUN.
