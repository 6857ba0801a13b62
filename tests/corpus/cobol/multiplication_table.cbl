      * Multiplication table 1-9 with edited cells on one line each.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. MULTAB.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 ROW-N      PIC 99.
       01 COL-N      PIC 99.
       01 PRODUCT    PIC 999.
       01 CELL       PIC ZZZ9.
       01 HEAD       PIC Z9.
       PROCEDURE DIVISION.
           DISPLAY "   |" WITH NO ADVANCING
           PERFORM VARYING COL-N FROM 1 BY 1 UNTIL COL-N > 9
               MOVE COL-N TO CELL
               DISPLAY CELL WITH NO ADVANCING
           END-PERFORM
           DISPLAY " "
           PERFORM VARYING ROW-N FROM 1 BY 1 UNTIL ROW-N > 9
               MOVE ROW-N TO HEAD
               DISPLAY HEAD " |" WITH NO ADVANCING
               PERFORM VARYING COL-N FROM 1 BY 1 UNTIL COL-N > 9
                   MULTIPLY ROW-N BY COL-N GIVING PRODUCT
                   MOVE PRODUCT TO CELL
                   DISPLAY CELL WITH NO ADVANCING
               END-PERFORM
               DISPLAY " "
           END-PERFORM
           STOP RUN.
