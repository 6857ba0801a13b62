      * Sales matrix: 3 regions x 4 quarters, row and column totals with
      * PERFORM VARYING ... AFTER.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. MATRIX.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 SALES-TABLE.
          05 REGION OCCURS 3.
             10 QUARTER PIC 9(5)V99 OCCURS 4.
       01 TOTALS.
          05 ROW-TOTAL   PIC 9(6)V99 OCCURS 3.
          05 COL-TOTAL   PIC 9(6)V99 OCCURS 4.
       01 GRAND          PIC 9(7)V99 VALUE 0.
       01 R              PIC 9.
       01 Q              PIC 9.
       01 SEED           PIC 9(5)V99 VALUE 1234.56.
       01 O-VAL          PIC ZZZ,ZZ9.99.
       PROCEDURE DIVISION.
           PERFORM VARYING R FROM 1 BY 1 UNTIL R > 3
                   AFTER Q FROM 1 BY 1 UNTIL Q > 4
               COMPUTE QUARTER (R, Q) = SEED * R + Q * 111.11
               ADD 97.5 TO SEED
           END-PERFORM
           INITIALIZE ROW-TOTAL (1) ROW-TOTAL (2) ROW-TOTAL (3)
           PERFORM VARYING R FROM 1 BY 1 UNTIL R > 3
               PERFORM VARYING Q FROM 1 BY 1 UNTIL Q > 4
                   ADD QUARTER (R Q) TO ROW-TOTAL (R) COL-TOTAL (Q)
                   ADD QUARTER (R Q) TO GRAND
               END-PERFORM
           END-PERFORM
           PERFORM VARYING R FROM 1 BY 1 UNTIL R > 3
               MOVE ROW-TOTAL (R) TO O-VAL
               DISPLAY "REGION " R " " O-VAL
           END-PERFORM
           PERFORM VARYING Q FROM 1 BY 1 UNTIL Q > 4
               MOVE COL-TOTAL (Q) TO O-VAL
               DISPLAY "QUARTER " Q " " O-VAL
           END-PERFORM
           MOVE GRAND TO O-VAL
           DISPLAY "GRAND " O-VAL " R=" R " Q=" Q
           DISPLAY SALES-TABLE
           STOP RUN.
