      * Bank teller queue simulation with a linear congruential random
      * generator in binary fields; waits and service times.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. QUEUESIM.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 SEED          PIC 9(9) COMP VALUE 12345.
       01 TMP           PIC 9(12) COMP.
       01 QUOT          PIC 9(12) COMP.
       01 ARRIVAL-GAP   PIC 99 COMP.
       01 SERVICE       PIC 99 COMP.
       01 CLOCK         PIC 9(5) COMP VALUE 0.
       01 TELLER-FREE   PIC 9(5) COMP VALUE 0.
       01 WAIT-TIME          PIC 9(5) COMP.
       01 TOTAL-WAIT    PIC 9(7) COMP VALUE 0.
       01 MAX-WAIT      PIC 9(5) COMP VALUE 0.
       01 CUSTOMER      PIC 999.
       01 AVG-WAIT-TIME      PIC 9(3)V99.
       PROCEDURE DIVISION.
           PERFORM VARYING CUSTOMER FROM 1 BY 1 UNTIL CUSTOMER > 25
               PERFORM NEXT-RANDOM
               DIVIDE SEED BY 7 GIVING QUOT REMAINDER ARRIVAL-GAP
               PERFORM NEXT-RANDOM
               DIVIDE SEED BY 9 GIVING QUOT REMAINDER SERVICE
               ADD 2 TO SERVICE
               ADD ARRIVAL-GAP TO CLOCK
               IF TELLER-FREE > CLOCK
                   COMPUTE WAIT-TIME = TELLER-FREE - CLOCK
                   COMPUTE TELLER-FREE = TELLER-FREE + SERVICE
               ELSE
                   MOVE 0 TO WAIT-TIME
                   COMPUTE TELLER-FREE = CLOCK + SERVICE
               END-IF
               ADD WAIT-TIME TO TOTAL-WAIT
               IF WAIT-TIME > MAX-WAIT MOVE WAIT-TIME TO MAX-WAIT END-IF
               IF CUSTOMER <= 5 OR CUSTOMER = 25
                   DISPLAY CUSTOMER " T=" CLOCK " WAIT-TIME " WAIT-TIME
                           " SERVICE " SERVICE
               END-IF
           END-PERFORM
           DIVIDE TOTAL-WAIT BY 25 GIVING AVG-WAIT-TIME ROUNDED
           DISPLAY "AVERAGE WAIT-TIME " AVG-WAIT-TIME " MAX " MAX-WAIT
           STOP RUN.
       NEXT-RANDOM.
           COMPUTE TMP = SEED * 1103 + 12345
           DIVIDE TMP BY 65536 GIVING QUOT REMAINDER SEED.
