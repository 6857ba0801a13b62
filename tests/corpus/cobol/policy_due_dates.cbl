      * Insurance premium run: for each policy works out the holder's
      * age, the next premium due date (moved off weekends), days
      * overdue and a check letter for the payment reference, using
      * the run date from the system clock.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. POLDUE.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 WS-RUN-DATE         PIC 9(8).
       01 WS-RUN-DATE-R.
          05 WS-RUN-YEAR      PIC 9(4).
          05 WS-RUN-MMDD      PIC 9(4).
       01 WS-RUN-SHORT        PIC 9(6).
       01 WS-RUN-TIME         PIC 9(8).
       01 WS-RUN-DAY          PIC 9(7).
       01 WS-RUN-WEEKDAY      PIC 9.
       01 WS-STAMP            PIC X(21).
       01 WS-TODAY-INT        PIC 9(7).
       01 WS-INPUT.
          05 IN-POLICY.
             10 IN-POLICY-CH  PIC X OCCURS 8.
          05 IN-HOLDER        PIC X(20).
          05 IN-BIRTH.
             10 IN-BIRTH-YEAR PIC 9(4).
             10 IN-BIRTH-MMDD PIC 9(4).
          05 IN-LAST-PAID     PIC 9(8).
          05 IN-PREMIUM       PIC X(12).
       01 WS-LINE             PIC X(64).
       01 WS-EOF              PIC X VALUE "N".
          88 NO-MORE-POLICIES VALUE "Y".
       01 WS-AGE              PIC 999.
       01 WS-DUE-INT          PIC 9(7).
       01 WS-DUE-DATE         PIC 9(8).
       01 WS-WEEKDAY          PIC 9.
       01 WS-OVERDUE          PIC S9(5).
       01 WS-OVERDUE-OUT      PIC -(5)9.
       01 WS-PREMIUM          PIC S9(7)V99.
       01 WS-PREMIUM-OUT      PIC Z,ZZZ,ZZ9.99.
       01 WS-NAME             PIC X(20).
       01 WS-NAME-LEN         PIC 99.
       01 WS-CHECK-SUM        PIC 9(5).
       01 WS-I                PIC 99.
       01 WS-CHECK-LETTER     PIC X.
       01 WS-REFERENCE        PIC X(12).
       01 WS-PREMIUMS.
          05 WS-P             PIC S9(7)V99 OCCURS 5.
       01 WS-COUNT            PIC 9 VALUE 0.
       01 WS-STAT             PIC S9(7)V99.
       01 WS-STAT-OUT         PIC Z,ZZZ,ZZ9.99.
       PROCEDURE DIVISION.
       MAIN-PARA.
           ACCEPT WS-RUN-DATE FROM DATE YYYYMMDD
           ACCEPT WS-RUN-SHORT FROM DATE
           ACCEPT WS-RUN-TIME FROM TIME
           ACCEPT WS-RUN-DAY FROM DAY YYYYDDD
           ACCEPT WS-RUN-WEEKDAY FROM DAY-OF-WEEK
           MOVE FUNCTION CURRENT-DATE TO WS-STAMP
           MOVE WS-RUN-DATE TO WS-RUN-DATE-R
           COMPUTE WS-TODAY-INT = FUNCTION INTEGER-OF-DATE(WS-RUN-DATE)
           DISPLAY "PREMIUM RUN " WS-RUN-DATE " (" WS-RUN-SHORT ") AT "
                   WS-RUN-TIME " DAY " WS-RUN-DAY " WEEKDAY "
                   WS-RUN-WEEKDAY
           DISPLAY "STAMP " WS-STAMP " DAY NUMBER "
                   FUNCTION INTEGER-OF-DATE(WS-RUN-DATE)
           DISPLAY "CLOCK " FUNCTION CURRENT-DATE
           PERFORM READ-POLICY
           PERFORM UNTIL NO-MORE-POLICIES
               PERFORM PROCESS-POLICY
               PERFORM READ-POLICY
           END-PERFORM
           PERFORM SHOW-STATISTICS
           STOP RUN.
       READ-POLICY.
           MOVE SPACES TO WS-LINE
           ACCEPT WS-LINE
           IF WS-LINE = SPACES
               SET NO-MORE-POLICIES TO TRUE
           ELSE
               MOVE WS-LINE TO WS-INPUT
           END-IF.
       PROCESS-POLICY.
           MOVE FUNCTION UPPER-CASE(FUNCTION TRIM(IN-HOLDER)) TO WS-NAME
           COMPUTE WS-NAME-LEN =
               FUNCTION LENGTH(FUNCTION TRIM(IN-HOLDER TRAILING))
           COMPUTE WS-AGE = WS-RUN-YEAR - IN-BIRTH-YEAR
           IF WS-RUN-MMDD < IN-BIRTH-MMDD
               SUBTRACT 1 FROM WS-AGE
           END-IF
           MOVE 0 TO WS-DUE-DATE WS-OVERDUE-OUT
           IF FUNCTION INTEGER-OF-DATE(IN-LAST-PAID) = 0
               DISPLAY IN-POLICY " BAD LAST-PAID DATE " IN-LAST-PAID
           ELSE
               PERFORM COMPUTE-DUE-DATE
           END-IF
           COMPUTE WS-PREMIUM = FUNCTION NUMVAL-C(IN-PREMIUM)
           MOVE WS-PREMIUM TO WS-PREMIUM-OUT
           IF WS-COUNT < 5
               ADD 1 TO WS-COUNT
               MOVE WS-PREMIUM TO WS-P(WS-COUNT)
           END-IF
           PERFORM MAKE-REFERENCE
           DISPLAY IN-POLICY " " WS-NAME " L" WS-NAME-LEN " AGE " WS-AGE
                   " DUE " WS-DUE-DATE " OVERDUE " WS-OVERDUE-OUT
                   " PREMIUM " WS-PREMIUM-OUT " REF " WS-REFERENCE.
       COMPUTE-DUE-DATE.
           COMPUTE WS-DUE-INT =
               FUNCTION INTEGER-OF-DATE(IN-LAST-PAID) + 30
           COMPUTE WS-WEEKDAY = FUNCTION MOD(WS-DUE-INT - 1, 7) + 1
           EVALUATE WS-WEEKDAY
               WHEN 6 ADD 2 TO WS-DUE-INT
               WHEN 7 ADD 1 TO WS-DUE-INT
           END-EVALUATE
           COMPUTE WS-DUE-DATE = FUNCTION DATE-OF-INTEGER(WS-DUE-INT)
           COMPUTE WS-OVERDUE = WS-TODAY-INT - WS-DUE-INT
           MOVE WS-OVERDUE TO WS-OVERDUE-OUT.
       MAKE-REFERENCE.
           MOVE 0 TO WS-CHECK-SUM
           PERFORM VARYING WS-I FROM 1 BY 1 UNTIL WS-I > 8
               COMPUTE WS-CHECK-SUM = WS-CHECK-SUM +
                   FUNCTION ORD(IN-POLICY-CH(WS-I)) * WS-I
           END-PERFORM
           MOVE FUNCTION CHAR(FUNCTION MOD(WS-CHECK-SUM, 26) + 66)
               TO WS-CHECK-LETTER
           STRING FUNCTION REVERSE(IN-POLICY) DELIMITED BY SIZE
                  WS-CHECK-LETTER DELIMITED BY SIZE
               INTO WS-REFERENCE
           END-STRING.
       SHOW-STATISTICS.
           COMPUTE WS-STAT = FUNCTION SUM(WS-P(1) WS-P(2) WS-P(3)
                                          WS-P(4) WS-P(5))
           MOVE WS-STAT TO WS-STAT-OUT
           DISPLAY "PREMIUMS TOTAL  " WS-STAT-OUT
           COMPUTE WS-STAT ROUNDED = FUNCTION MEAN(WS-P(1) WS-P(2)
                                          WS-P(3) WS-P(4) WS-P(5))
           MOVE WS-STAT TO WS-STAT-OUT
           DISPLAY "PREMIUMS MEAN   " WS-STAT-OUT
           COMPUTE WS-STAT = FUNCTION MEDIAN(WS-P(1) WS-P(2) WS-P(3)
                                             WS-P(4) WS-P(5))
           MOVE WS-STAT TO WS-STAT-OUT
           DISPLAY "PREMIUMS MEDIAN " WS-STAT-OUT
           DISPLAY "DAY 1 IS " FUNCTION DATE-OF-INTEGER(1)
                   " DAY 150000 IS " FUNCTION DAY-OF-INTEGER(150000)
                   " 2024-060 IS DAY " FUNCTION INTEGER-OF-DAY(2024060)
           DISPLAY "NAME FIELD LENGTH " FUNCTION LENGTH(IN-HOLDER).
