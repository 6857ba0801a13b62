      * Credit score from weighted factors; operator precedence,
      * negative intermediates, clamping to a range.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. CREDSCR.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 APPLICANT.
          05 A-NAME        PIC X(8).
          05 A-LATE        PIC 99.
          05 A-UTIL        PIC 999.
          05 A-YEARS       PIC 99.
          05 A-INQUIRIES   PIC 9.
       01 SCORE           PIC S9(4).
       01 RAW             PIC S9(5)V99.
       01 GRADE           PIC X(9).
       PROCEDURE DIVISION.
           PERFORM 5 TIMES
               ACCEPT APPLICANT
               COMPUTE RAW = 600 + A-YEARS * 8.5 - A-LATE ** 2 * 3
                           - (A-UTIL - 30) * 2 / 3 - A-INQUIRIES * 12
               COMPUTE SCORE ROUNDED = RAW
               IF SCORE > 850 MOVE 850 TO SCORE END-IF
               IF SCORE < 300 MOVE 300 TO SCORE END-IF
               EVALUATE SCORE
                   WHEN 750 THRU 850 MOVE "EXCELLENT" TO GRADE
                   WHEN 670 THRU 749 MOVE "GOOD" TO GRADE
                   WHEN 580 THRU 669 MOVE "FAIR" TO GRADE
                   WHEN OTHER MOVE "POOR" TO GRADE
               END-EVALUATE
               DISPLAY A-NAME " RAW " RAW " SCORE " SCORE " " GRADE
           END-PERFORM
           STOP RUN.
