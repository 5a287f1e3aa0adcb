"""The citizen portal: accounts by mobile OTP, complaints, e-FIR, status, FIR copies, lost-article reports, verifications and NOCs."""
