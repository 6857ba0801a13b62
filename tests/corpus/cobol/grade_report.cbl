      * Student grades: averages with ROUNDED division, letter grades by EVALUATE.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. GRADES.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 STUDENT-COUNT  PIC 99.
       01 S              PIC 99.
       01 K              PIC 9.
       01 STUDENT.
          05 ST-NAME     PIC X(10).
          05 ST-SCORES.
             10 ST-SCORE PIC 999 OCCURS 3.
       01 SUM-SCORES     PIC 9(4).
       01 AVERAGE        PIC 999V9.
       01 LETTER         PIC X.
       01 CLASS-SUM      PIC 9(6)V9 VALUE 0.
       01 CLASS-AVG      PIC ZZ9.99.
       01 O-AVG          PIC ZZ9.9.
       PROCEDURE DIVISION.
           ACCEPT STUDENT-COUNT
           PERFORM VARYING S FROM 1 BY 1 UNTIL S > STUDENT-COUNT
               ACCEPT ST-NAME
               MOVE 0 TO SUM-SCORES
               PERFORM VARYING K FROM 1 BY 1 UNTIL K > 3
                   ACCEPT ST-SCORE (K)
                   ADD ST-SCORE (K) TO SUM-SCORES
               END-PERFORM
               DIVIDE SUM-SCORES BY 3 GIVING AVERAGE ROUNDED
               EVALUATE AVERAGE
                   WHEN 90 THRU 100 MOVE "A" TO LETTER
                   WHEN 80 THRU 89.9 MOVE "B" TO LETTER
                   WHEN 70 THRU 79.9 MOVE "C" TO LETTER
                   WHEN 60 THRU 79.9 MOVE "D" TO LETTER
                   WHEN OTHER MOVE "F" TO LETTER
               END-EVALUATE
               ADD AVERAGE TO CLASS-SUM
               MOVE AVERAGE TO O-AVG
               DISPLAY ST-NAME " " ST-SCORES " AVG " O-AVG " " LETTER
           END-PERFORM
           IF STUDENT-COUNT > 0
               COMPUTE CLASS-AVG ROUNDED = CLASS-SUM / STUDENT-COUNT
               DISPLAY "CLASS AVERAGE " CLASS-AVG
           END-IF
           STOP RUN.
