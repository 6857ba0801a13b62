      * Sort a table of scores (bubble sort) and print ranks.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. BSORT.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 SCORES.
          05 ENTRY-REC OCCURS 8.
             10 E-NAME  PIC X(6).
             10 E-SCORE PIC S9(3).
       01 TEMP-ENTRY.
          05 T-NAME     PIC X(6).
          05 T-SCORE    PIC S9(3).
       01 I             PIC 99.
       01 J             PIC 99.
       01 N             PIC 99 VALUE 8.
       01 SWAPPED       PIC X.
       01 RANK          PIC Z9.
       PROCEDURE DIVISION.
           MOVE "ALPHA 050" TO ENTRY-REC (1)
           MOVE "BRAVO 120" TO ENTRY-REC (2)
           MOVE "CHARLY007" TO ENTRY-REC (3)
           MOVE "DELTA 120" TO ENTRY-REC (4)
           MOVE "ECHO  000" TO ENTRY-REC (5)
           MOVE "FOXTRT999" TO ENTRY-REC (6)
           MOVE "GOLF  300" TO ENTRY-REC (7)
           MOVE "HOTEL 001" TO ENTRY-REC (8)
           MOVE -15 TO E-SCORE (5)
           MOVE "Y" TO SWAPPED
           PERFORM UNTIL SWAPPED = "N"
               MOVE "N" TO SWAPPED
               PERFORM VARYING I FROM 1 BY 1 UNTIL I >= N
                   COMPUTE J = I + 1
                   IF E-SCORE (I) < E-SCORE (J)
                      OR (E-SCORE (I) = E-SCORE (J)
                          AND E-NAME (I) > E-NAME (J))
                       MOVE ENTRY-REC (I) TO TEMP-ENTRY
                       MOVE ENTRY-REC (J) TO ENTRY-REC (I)
                       MOVE TEMP-ENTRY TO ENTRY-REC (J)
                       MOVE "Y" TO SWAPPED
                   END-IF
               END-PERFORM
           END-PERFORM
           PERFORM VARYING I FROM 1 BY 1 UNTIL I > N
               MOVE I TO RANK
               DISPLAY RANK ". " E-NAME (I) " " E-SCORE (I)
           END-PERFORM
           DISPLAY SCORES
           STOP RUN.
