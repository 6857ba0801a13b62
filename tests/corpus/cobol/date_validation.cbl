      * Validate dates YYYYMMDD from input: numeric check, month and day
      * ranges with 88 THRU values, leap-year February.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. DATEVAL.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 DATE-IN         PIC X(8).
       01 DATE-PARTS.
          05 D-YEAR       PIC 9(4).
          05 D-MONTH      PIC 99.
             88 VALID-MONTH VALUE 1 THRU 12.
             88 THIRTY-DAY  VALUE 4 6 9 11.
          05 D-DAY        PIC 99.
       01 MAX-DAY         PIC 99.
       01 REM4            PIC 9.
       01 REM100          PIC 99.
       01 REM400          PIC 999.
       01 QUO             PIC 9(4).
       01 VERDICT         PIC X(20).
       01 VALID-COUNT     PIC 99 VALUE 0.
       PROCEDURE DIVISION.
           PERFORM 8 TIMES
               ACCEPT DATE-IN
               PERFORM VALIDATE-DATE
               DISPLAY DATE-IN " " VERDICT
           END-PERFORM
           DISPLAY "VALID " VALID-COUNT
           STOP RUN.
       VALIDATE-DATE.
           IF DATE-IN IS NOT NUMERIC
               MOVE "NOT NUMERIC" TO VERDICT
           ELSE
               MOVE DATE-IN TO DATE-PARTS
               IF NOT VALID-MONTH
                   MOVE "BAD MONTH" TO VERDICT
               ELSE
                   PERFORM SET-MAX-DAY
                   IF D-DAY < 1 OR D-DAY > MAX-DAY
                       MOVE "BAD DAY" TO VERDICT
                   ELSE
                       MOVE "OK" TO VERDICT
                       ADD 1 TO VALID-COUNT
                   END-IF
               END-IF
           END-IF.
       SET-MAX-DAY.
           EVALUATE TRUE
               WHEN THIRTY-DAY
                   MOVE 30 TO MAX-DAY
               WHEN D-MONTH = 2
                   DIVIDE D-YEAR BY 4 GIVING QUO REMAINDER REM4
                   DIVIDE D-YEAR BY 100 GIVING QUO REMAINDER REM100
                   DIVIDE D-YEAR BY 400 GIVING QUO REMAINDER REM400
                   IF REM4 = 0 AND (REM100 NOT = 0 OR REM400 = 0)
                       MOVE 29 TO MAX-DAY
                   ELSE
                       MOVE 28 TO MAX-DAY
                   END-IF
               WHEN OTHER
                   MOVE 31 TO MAX-DAY
           END-EVALUATE.
