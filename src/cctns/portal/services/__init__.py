"""Portal services: the only place the citizen portal's rules live (accounts by OTP, complaint
filing, e-FIR, status, publication of FIRs). Views call these functions."""
