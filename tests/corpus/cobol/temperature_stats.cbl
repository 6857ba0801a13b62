      * Daily temperature statistics: signed values, min/max/mean,
      * sign conditions and counts by band.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. TEMPSTAT.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 READING        PIC S9(3)V9.
       01 N              PIC 99 VALUE 0.
       01 T-MIN          PIC S9(3)V9 VALUE 999.9.
       01 T-MAX          PIC S9(3)V9 VALUE -999.9.
       01 T-SUM          PIC S9(5)V9 VALUE 0.
       01 T-MEAN         PIC S9(3)V99.
       01 FREEZING       PIC 99 VALUE 0.
       01 MILD           PIC 99 VALUE 0.
       01 HOT            PIC 99 VALUE 0.
       01 ZEROES-SEEN    PIC 99 VALUE 0.
       01 O-TEMP         PIC -ZZ9.9.
       01 O-MEAN         PIC +ZZ9.99.
       PROCEDURE DIVISION.
           PERFORM 10 TIMES
               ACCEPT READING
               ADD 1 TO N
               ADD READING TO T-SUM
               IF READING < T-MIN MOVE READING TO T-MIN END-IF
               IF READING > T-MAX MOVE READING TO T-MAX END-IF
               EVALUATE TRUE
                   WHEN READING IS ZERO ADD 1 TO ZEROES-SEEN
                                         ADD 1 TO FREEZING
                   WHEN READING IS NEGATIVE ADD 1 TO FREEZING
                   WHEN READING > 30 ADD 1 TO HOT
                   WHEN OTHER ADD 1 TO MILD
               END-EVALUATE
               MOVE READING TO O-TEMP
               DISPLAY "READING " N " " O-TEMP " RAW " READING
           END-PERFORM
           DIVIDE T-SUM BY N GIVING T-MEAN ROUNDED
           MOVE T-MIN TO O-TEMP
           DISPLAY "MIN " O-TEMP
           MOVE T-MAX TO O-TEMP
           DISPLAY "MAX " O-TEMP
           MOVE T-MEAN TO O-MEAN
           DISPLAY "MEAN " O-MEAN
           DISPLAY "FREEZING " FREEZING " MILD " MILD " HOT " HOT
                   " ZERO " ZEROES-SEEN
           IF T-MEAN IS POSITIVE DISPLAY "MEAN ABOVE ZERO" END-IF
           IF T-SUM IS NOT NEGATIVE DISPLAY "SUM NOT NEGATIVE" END-IF
           STOP RUN.
