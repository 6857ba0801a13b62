      * Motor insurance premium rating: the rate table is compiled in
      * as VALUE literals and redefined as a table sorted by region
      * and age band, looked up with SEARCH ALL on both keys; the
      * no-claims discount is found with a serial SEARCH ... VARYING.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. PREMRATE.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 RATE-VALUES.
          05 FILLER PIC X(13) VALUE "N1825012500A ".
          05 FILLER PIC X(13) VALUE "N2639008950A ".
          05 FILLER PIC X(13) VALUE "N4064007400B ".
          05 FILLER PIC X(13) VALUE "N6599009900B ".
          05 FILLER PIC X(13) VALUE "S1825014800A ".
          05 FILLER PIC X(13) VALUE "S2639010200A ".
          05 FILLER PIC X(13) VALUE "S4064008150B ".
          05 FILLER PIC X(13) VALUE "S6599011300C ".
          05 FILLER PIC X(13) VALUE "W1825011900A ".
          05 FILLER PIC X(13) VALUE "W2639008100A ".
          05 FILLER PIC X(13) VALUE "W4064006900B ".
          05 FILLER PIC X(13) VALUE "W6599008800C ".
       01 RATE-TABLE REDEFINES RATE-VALUES.
          05 RATE-ENTRY OCCURS 12 TIMES
                ASCENDING KEY IS RT-REGION RT-AGE-FROM
                INDEXED BY RT-IX.
             10 RT-REGION         PIC X.
             10 RT-AGE-FROM       PIC 99.
             10 RT-AGE-TO         PIC 99.
             10 RT-BASE           PIC 9(4)V99.
             10 RT-CLASS          PIC X.
             10 FILLER            PIC X.
       01 DISCOUNT-VALUES         PIC X(24)
                                  VALUE "003005010015025035045060".
       01 DISCOUNT-TABLE REDEFINES DISCOUNT-VALUES.
          05 NCD-PERCENT          PIC 9V99 OCCURS 8 TIMES
                                  INDEXED BY NCD-IX.
       01 QUOTE-IN.
          05 Q-POLICY             PIC X(8).
          05 Q-REGION             PIC X.
          05 Q-AGE                PIC 99.
          05 Q-CLAIM-FREE-YEARS   PIC 99.
       01 AGE-BAND-START          PIC 99.
       01 YEARS-COUNTED           PIC 99.
       01 PREMIUM                 PIC 9(5)V99.
       01 DISCOUNT                PIC 9(5)V99.
       01 ENTRY-NO                PIC 99.
       01 O-PREMIUM               PIC ZZ,ZZ9.99.
       01 O-DISCOUNT              PIC ZZ,ZZ9.99.
       01 EOF-FLAG                PIC X VALUE "N".
          88 NO-MORE-QUOTES       VALUE "Y".
       PROCEDURE DIVISION.
       MAIN-LINE.
           PERFORM READ-QUOTE
           PERFORM RATE-QUOTE UNTIL NO-MORE-QUOTES
           STOP RUN.
       READ-QUOTE.
           ACCEPT QUOTE-IN
           IF QUOTE-IN = SPACES
               SET NO-MORE-QUOTES TO TRUE
           END-IF.
       RATE-QUOTE.
           EVALUATE TRUE
               WHEN Q-AGE < 18
                   DISPLAY Q-POLICY " DECLINED: DRIVER UNDER 18"
               WHEN Q-AGE < 26
                   MOVE 18 TO AGE-BAND-START
               WHEN Q-AGE < 40
                   MOVE 26 TO AGE-BAND-START
               WHEN Q-AGE < 65
                   MOVE 40 TO AGE-BAND-START
               WHEN OTHER
                   MOVE 65 TO AGE-BAND-START
           END-EVALUATE
           IF Q-AGE NOT < 18
               PERFORM FIND-RATE
           END-IF
           PERFORM READ-QUOTE.
       FIND-RATE.
           SEARCH ALL RATE-ENTRY
               AT END
                   DISPLAY Q-POLICY " NO RATE FOR REGION " Q-REGION
               WHEN RT-REGION(RT-IX) = Q-REGION
                AND RT-AGE-FROM(RT-IX) = AGE-BAND-START
                   MOVE RT-BASE(RT-IX) TO PREMIUM
                   SET ENTRY-NO TO RT-IX
                   PERFORM APPLY-DISCOUNT
                   MOVE PREMIUM TO O-PREMIUM
                   MOVE DISCOUNT TO O-DISCOUNT
                   DISPLAY Q-POLICY " ENTRY " ENTRY-NO
                           " CLASS " RT-CLASS(RT-IX)
                           " AGES " RT-AGE-FROM(RT-IX) "-"
                           RT-AGE-TO(RT-IX)
                           " PREMIUM " O-PREMIUM
                           " NCD " O-DISCOUNT
           END-SEARCH.
       APPLY-DISCOUNT.
      *    One step of no-claims discount per claim-free year, at most
      *    eight; the serial search counts the years it stepped over.
           MOVE ZERO TO DISCOUNT
           MOVE ZERO TO YEARS-COUNTED
           IF Q-CLAIM-FREE-YEARS > 0
               SET NCD-IX TO 1
               SEARCH NCD-PERCENT VARYING YEARS-COUNTED
                   AT END
                       SET NCD-IX TO 8
                       COMPUTE DISCOUNT ROUNDED =
                           PREMIUM * NCD-PERCENT(NCD-IX)
                   WHEN YEARS-COUNTED + 1 = Q-CLAIM-FREE-YEARS
                       COMPUTE DISCOUNT ROUNDED =
                           PREMIUM * NCD-PERCENT(NCD-IX)
               END-SEARCH
               SUBTRACT DISCOUNT FROM PREMIUM
           END-IF.
