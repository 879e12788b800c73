import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import "katex/dist/katex.min.css";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Descent", template: "%s · Descent" },
  description: "Learn gradient-based learning by running code.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <Link href="/" className="brand">
            Descent
          </Link>
          <span className="tagline">gradient-based learning, by running code</span>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
