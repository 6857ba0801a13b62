      * Utility billing: tiered kWh rates, minimum charge, customer
      * classes with multi-value 88-levels, sentinel-driven input.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. UTILBILL.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 METER-READ.
          05 CUST-ID     PIC X(5).
          05 CUST-CLASS  PIC X.
             88 RESIDENTIAL VALUE "R" "S".
             88 COMMERCIAL  VALUE "C".
             88 INDUSTRIAL  VALUE "I" "X".
          05 KWH         PIC 9(6).
       01 CHARGE         PIC 9(7)V99.
       01 TIER-KWH       PIC 9(6).
       01 MINIMUM        PIC 9(3)V99 VALUE 12.50.
       01 BILLS          PIC 99 VALUE 0.
       01 REVENUE        PIC 9(8)V99 VALUE 0.
       01 O-CHARGE       PIC $$,$$$,$$9.99.
       PROCEDURE DIVISION.
       MAIN-LOOP.
           ACCEPT METER-READ
           IF CUST-ID = "99999"
               GO TO FINISH
           END-IF
           PERFORM PRICE-READING
           GO TO MAIN-LOOP.
       FINISH.
           MOVE REVENUE TO O-CHARGE
           DISPLAY BILLS " BILLS, REVENUE " O-CHARGE
           STOP RUN.
       PRICE-READING.
           MOVE 0 TO CHARGE
           EVALUATE TRUE
               WHEN RESIDENTIAL
                   IF KWH > 500
                       COMPUTE TIER-KWH = KWH - 500
                       COMPUTE CHARGE = 500 * 0.1150 + TIER-KWH * 0.1475
                   ELSE
                       COMPUTE CHARGE = KWH * 0.1150
                   END-IF
               WHEN COMMERCIAL
                   COMPUTE CHARGE ROUNDED = KWH * 0.1325 + 25
               WHEN INDUSTRIAL
                   COMPUTE CHARGE ROUNDED = KWH * 0.0987 + 150
               WHEN OTHER
                   DISPLAY CUST-ID " UNKNOWN CLASS " CUST-CLASS
           END-EVALUATE
           IF CHARGE < MINIMUM AND CHARGE > 0
               MOVE MINIMUM TO CHARGE
           END-IF
           ADD 1 TO BILLS
           ADD CHARGE TO REVENUE
           MOVE CHARGE TO O-CHARGE
           DISPLAY CUST-ID " " CUST-CLASS " " KWH " " O-CHARGE.
