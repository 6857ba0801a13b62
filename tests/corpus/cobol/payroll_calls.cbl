      * Weekly payroll run: the driver reads employees and calls the
      * tax subroutine (LINKAGE, working storage kept between calls,
      * RETURN-CODE for pay to review)
      * and an IS INITIAL formatting routine (FMTNET.cbl) per pay line.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. PAYRUN.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 EMPLOYEE.
          05 EMP-ID          PIC X(5).
          05 EMP-NAME        PIC X(12).
          05 EMP-GROSS       PIC 9(5)V99.
          05 EMP-STATUS      PIC X.
          05 EMP-STATE       PIC XX.
       01 TAX-RESULT.
          05 TR-FEDERAL      PIC 9(5)V99.
          05 TR-STATE        PIC 9(5)V99.
          05 TR-BRACKET      PIC 9.
       01 WS-NET             PIC S9(6)V99 VALUE 0.
       01 WS-NET-TEXT        PIC X(16).
       01 WS-TAX-RC          PIC 9.
       01 WS-EOF             PIC X VALUE "N".
          88 NO-MORE         VALUE "Y".
       01 WS-TOTALS.
          05 WS-PAID         PIC 9(3) VALUE 0.
          05 WS-TOTAL-GROSS  PIC 9(7)V99 VALUE 0.
          05 WS-TOTAL-TAX    PIC 9(7)V99 VALUE 0.
          05 WS-TOTAL-NET    PIC S9(7)V99 VALUE 0.
          05 WS-REVIEWS      PIC 9(3) VALUE 0.
       01 WS-TOTAL-OUT       PIC Z,ZZZ,ZZ9.99-.
       PROCEDURE DIVISION.
       MAIN-LINE.
           PERFORM UNTIL NO-MORE
               ACCEPT EMPLOYEE
               IF EMP-ID = "END" OR EMP-ID = SPACES
                   SET NO-MORE TO TRUE
               ELSE
                   PERFORM PAY-EMPLOYEE
               END-IF
           END-PERFORM
           DISPLAY "EMPLOYEES PAID " WS-PAID
           MOVE WS-TOTAL-GROSS TO WS-TOTAL-OUT
           DISPLAY "TOTAL GROSS  " WS-TOTAL-OUT
           MOVE WS-TOTAL-TAX TO WS-TOTAL-OUT
           DISPLAY "TOTAL TAX    " WS-TOTAL-OUT
           MOVE WS-TOTAL-NET TO WS-TOTAL-OUT
           DISPLAY "TOTAL NET    " WS-TOTAL-OUT
           DISPLAY "FOR REVIEW   " WS-REVIEWS " LAST RETURN-CODE "
                   RETURN-CODE
      *    A new pay period: CANCEL resets TAXCALC's year-to-date.
           CANCEL "TAXCALC" "FMTNET"
           MOVE "E0006FAY OKAFOR  0100000SNY" TO EMPLOYEE
           PERFORM PAY-EMPLOYEE
           MOVE 0 TO RETURN-CODE
           STOP RUN.
       PAY-EMPLOYEE.
      *    BY CONTENT: the subroutine blanks the name in its copy only.
           CALL "TAXCALC" USING BY CONTENT EMPLOYEE
                                BY REFERENCE TAX-RESULT
               NOT ON EXCEPTION
                   ADD 1 TO WS-PAID
           END-CALL
      *    TAXCALC sets RETURN-CODE 4 for pay that needs a review; the
      *    next CALL replaces it with FMTNET's, so keep it now.
           MOVE RETURN-CODE TO WS-TAX-RC
           COMPUTE WS-NET = EMP-GROSS - TR-FEDERAL - TR-STATE
           CALL "FMTNET" USING WS-NET WS-NET-TEXT
           ADD EMP-GROSS TO WS-TOTAL-GROSS
           ADD TR-FEDERAL TR-STATE TO WS-TOTAL-TAX
           ADD WS-NET TO WS-TOTAL-NET
           DISPLAY EMP-ID " " EMP-NAME " B" TR-BRACKET " FED "
                   TR-FEDERAL " ST " TR-STATE " " WS-NET-TEXT
           IF WS-TAX-RC NOT = ZERO
               ADD 1 TO WS-REVIEWS
               DISPLAY EMP-ID " REVIEW, TAXCALC RETURN-CODE " WS-TAX-RC
           END-IF.
       END PROGRAM PAYRUN.

       IDENTIFICATION DIVISION.
       PROGRAM-ID. TAXCALC.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 WS-SERVED          PIC 9(4) VALUE 0.
       01 WS-YTD-FEDERAL     PIC 9(7)V99 VALUE 0.
       01 WS-TAXABLE         PIC S9(5)V99.
       LINKAGE SECTION.
       01 LS-EMPLOYEE.
          05 LS-ID           PIC X(5).
          05 LS-NAME         PIC X(12).
          05 LS-GROSS        PIC 9(5)V99.
          05 LS-STATUS       PIC X.
             88 LS-MARRIED   VALUE "M".
          05 LS-STATE        PIC XX.
       01 LS-TAX.
          05 LS-FEDERAL      PIC 9(5)V99.
          05 LS-STATE-TAX    PIC 9(5)V99.
          05 LS-BRACKET      PIC 9.
       PROCEDURE DIVISION USING LS-EMPLOYEE LS-TAX.
       CALC-TAX.
           ADD 1 TO WS-SERVED
           MOVE LS-GROSS TO WS-TAXABLE
           IF LS-MARRIED
               SUBTRACT 250 FROM WS-TAXABLE
           END-IF
           IF WS-TAXABLE < 0
               MOVE 0 TO WS-TAXABLE
           END-IF
           EVALUATE TRUE
               WHEN WS-TAXABLE < 500
                   MOVE 1 TO LS-BRACKET
                   COMPUTE LS-FEDERAL ROUNDED = WS-TAXABLE * 0.10
               WHEN WS-TAXABLE < 2000
                   MOVE 2 TO LS-BRACKET
                   COMPUTE LS-FEDERAL ROUNDED =
                       50 + (WS-TAXABLE - 500) * 0.22
               WHEN OTHER
                   MOVE 3 TO LS-BRACKET
                   COMPUTE LS-FEDERAL ROUNDED =
                       380 + (WS-TAXABLE - 2000) * 0.32
           END-EVALUATE
           EVALUATE LS-STATE
               WHEN "TX"
               WHEN "FL"
                   MOVE 0 TO LS-STATE-TAX
               WHEN "NY"
                   COMPUTE LS-STATE-TAX ROUNDED = LS-GROSS * 0.0585
               WHEN OTHER
                   COMPUTE LS-STATE-TAX ROUNDED = LS-GROSS * 0.0307
           END-EVALUATE
           ADD LS-FEDERAL TO WS-YTD-FEDERAL
           MOVE 0 TO RETURN-CODE
           IF LS-GROSS > 2500 OR WS-YTD-FEDERAL > 1000
               MOVE 4 TO RETURN-CODE
           END-IF
           MOVE SPACES TO LS-NAME
           DISPLAY "TAXCALC CALL " WS-SERVED " YTD " WS-YTD-FEDERAL
           GOBACK.
       END PROGRAM TAXCALC.
