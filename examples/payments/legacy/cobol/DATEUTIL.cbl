      *================================================================*
      * DATEUTIL - POSTING DATE FOR THE INTEREST RUN                   *
      * CALLED BY INTPOST: RETURNS THE LAST CALENDAR DAY OF THE         *
      * ACCOUNTING PERIOD (YYYYMMDD), LEAP YEARS INCLUDED.              *
      *================================================================*
       IDENTIFICATION DIVISION.
       PROGRAM-ID. DATEUTIL.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01  WS-PERIOD.
           05  WS-PERIOD-YEAR          PIC 9(4) VALUE 2024.
           05  WS-PERIOD-MONTH         PIC 9(2) VALUE 02.
       01  WS-LAST-DAY                 PIC 9(2).
       01  WS-QUOTIENT                 PIC 9(4).
       01  WS-REM-4                    PIC 9(3).
       01  WS-REM-100                  PIC 9(3).
       01  WS-REM-400                  PIC 9(3).
       LINKAGE SECTION.
       01  LS-RUN-DATE                 PIC 9(8).
       PROCEDURE DIVISION USING LS-RUN-DATE.
       0000-PERIOD-END.
           EVALUATE WS-PERIOD-MONTH
               WHEN 4 WHEN 6 WHEN 9 WHEN 11
                   MOVE 30 TO WS-LAST-DAY
               WHEN 2
                   PERFORM 1000-FEBRUARY
               WHEN OTHER
                   MOVE 31 TO WS-LAST-DAY
           END-EVALUATE
           COMPUTE LS-RUN-DATE = WS-PERIOD-YEAR * 10000
                               + WS-PERIOD-MONTH * 100 + WS-LAST-DAY
           GOBACK.
       1000-FEBRUARY.
           DIVIDE WS-PERIOD-YEAR BY 4 GIVING WS-QUOTIENT
               REMAINDER WS-REM-4
           DIVIDE WS-PERIOD-YEAR BY 100 GIVING WS-QUOTIENT
               REMAINDER WS-REM-100
           DIVIDE WS-PERIOD-YEAR BY 400 GIVING WS-QUOTIENT
               REMAINDER WS-REM-400
           IF WS-REM-400 = 0
              OR (WS-REM-4 = 0 AND WS-REM-100 NOT = 0)
               MOVE 29 TO WS-LAST-DAY
           ELSE
               MOVE 28 TO WS-LAST-DAY
           END-IF.
