      * Leap years and days in month with DIVIDE ... REMAINDER.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. LEAPYR.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 YR          PIC 9(4).
       01 QUOT        PIC 9(4).
       01 R4          PIC 9(3).
       01 R100        PIC 9(3).
       01 R400        PIC 9(3).
       01 LEAP-SW     PIC X.
          88 IS-LEAP  VALUE "Y".
          88 NOT-LEAP VALUE "N".
       01 MON         PIC 99.
       01 DAYS        PIC 99.
       01 YEAR-DAYS   PIC 999.
       PROCEDURE DIVISION.
           PERFORM VARYING YR FROM 1896 BY 1 UNTIL YR > 1904
               PERFORM CHECK-LEAP
           END-PERFORM
           PERFORM VARYING YR FROM 1996 BY 4 UNTIL YR > 2100
               PERFORM CHECK-LEAP
           END-PERFORM
           MOVE 2000 TO YR
           PERFORM CHECK-LEAP
           MOVE 0 TO YEAR-DAYS
           PERFORM VARYING MON FROM 1 BY 1 UNTIL MON > 12
               EVALUATE MON ALSO TRUE
                   WHEN 2 ALSO IS-LEAP MOVE 29 TO DAYS
                   WHEN 2 ALSO ANY MOVE 28 TO DAYS
                   WHEN 4 ALSO ANY
                   WHEN 6 ALSO ANY
                   WHEN 9 ALSO ANY
                   WHEN 11 ALSO ANY MOVE 30 TO DAYS
                   WHEN OTHER MOVE 31 TO DAYS
               END-EVALUATE
               ADD DAYS TO YEAR-DAYS
               DISPLAY MON ":" DAYS " " WITH NO ADVANCING
           END-PERFORM
           DISPLAY " "
           DISPLAY "DAYS IN " YR ": " YEAR-DAYS
           STOP RUN.
       CHECK-LEAP.
           DIVIDE YR BY 4 GIVING QUOT REMAINDER R4
           DIVIDE YR BY 100 GIVING QUOT REMAINDER R100
           DIVIDE YR BY 400 GIVING QUOT REMAINDER R400
           IF R4 = 0 AND (R100 NOT = 0 OR R400 = 0)
               SET IS-LEAP TO TRUE
           ELSE
               SET NOT-LEAP TO TRUE
           END-IF
           DISPLAY YR " " LEAP-SW.
