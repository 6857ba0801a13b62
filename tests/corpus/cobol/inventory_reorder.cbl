      * Inventory reorder check with 88-levels, SET TO TRUE and INITIALIZE.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. REORDER.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 ITEM-REC.
          05 ITEM-CODE     PIC X(6).
          05 ON-HAND       PIC 9(5).
          05 REORDER-LVL   PIC 9(5).
          05 ITEM-CLASS    PIC X.
             88 PERISHABLE   VALUE "P".
             88 DURABLE      VALUE "D" "H".
          05 ITEM-STATE    PIC 9.
             88 STATE-OK       VALUE 0.
             88 STATE-LOW      VALUE 1 THRU 2.
             88 STATE-OUT      VALUE 9.
       01 ORDER-QTY        PIC 9(5).
       01 LINES-READ       PIC 999 VALUE 0.
       01 IN-LINE          PIC X(17).
       01 DONE-SW          PIC X VALUE "N".
          88 DONE          VALUE "Y".
       PROCEDURE DIVISION.
           PERFORM UNTIL DONE
               ACCEPT IN-LINE
               IF IN-LINE = SPACES
                   SET DONE TO TRUE
               ELSE
                   ADD 1 TO LINES-READ
                   INITIALIZE ITEM-REC
                   MOVE IN-LINE TO ITEM-REC
                   PERFORM CLASSIFY
                   DISPLAY ITEM-REC " -> " ITEM-STATE " " ORDER-QTY
               END-IF
           END-PERFORM
           DISPLAY "LINES " LINES-READ
           STOP RUN.
       CLASSIFY.
           MOVE 0 TO ORDER-QTY
           EVALUATE TRUE ALSO TRUE
               WHEN ON-HAND = 0 ALSO ANY
                   SET STATE-OUT TO TRUE
                   COMPUTE ORDER-QTY = REORDER-LVL * 2
               WHEN ON-HAND < REORDER-LVL ALSO PERISHABLE
                   MOVE 2 TO ITEM-STATE
                   COMPUTE ORDER-QTY = REORDER-LVL - ON-HAND
               WHEN ON-HAND < REORDER-LVL ALSO DURABLE
                   MOVE 1 TO ITEM-STATE
                   COMPUTE ORDER-QTY = (REORDER-LVL - ON-HAND) * 1.5
               WHEN OTHER
                   SET STATE-OK TO TRUE
           END-EVALUATE
           IF STATE-LOW
               DISPLAY "LOW STOCK " ITEM-CODE
           END-IF.
