import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { SearchBox } from "@/components/SearchBox";
import { themeScript } from "@/components/theme";
import { ThemeToggle } from "@/components/ThemeToggle";
import "katex/dist/katex.min.css";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Descent", template: "%s · Descent" },
  description: "Learn gradient-based learning by running code.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, colorScheme: "light dark" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // data-theme is set by the script below before the first paint, so React must not complain about it.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body>
        <header className="site-header">
          <Link href="/" className="brand">
            Descent
          </Link>
          <span className="tagline">gradient-based learning, by running code</span>
          <SearchBox />
          <ThemeToggle />
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
