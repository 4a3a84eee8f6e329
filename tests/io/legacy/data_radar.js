/**
 * A data file in the format of the original CD maturity radar tool,
 * written for gapradar's import tests with the First Federated Bank sample.
 */

/*global define */
define(function () {
    "use strict";
    var CATEGORIES,
        MATURITY_LEVELS,
        applications,
        maturityData;

    /* CONSTANTS */
    CATEGORIES = [
        "Build Management and Continuous Integration",
        "Environments and Deployment",
        "Release Management and Compliance",
        "Testing",
        "Data Management",
        "Configuration Management"
    ];

    MATURITY_LEVELS = [{
        score     : -2,
        definition: "Unranked"
    }, {
        score     : -1,
        definition: "Regressive"
    }, {
        score     : 0,
        definition: "Repeatable"
    }, {
        score     : 1,
        definition: "Consistent"
    }, {
        score     : 2,
        definition: "Quantitatively Managed"
    }, {
        score     : 3,
        definition: "Optimizing"
    }];

    var pageTitle = 'CD Maturity Gap Analysis: First Federated Bank';
    var legendTitle = "Banking Platforms"; // shown above the legend
    var referenceLink = "https://continuousdelivery.com/";

    applications = [
        "Core Banking Application",
        "Internet Banking Application",
        "Human Resources Application",
        "ATM Management Application",
        "Equity Trading and Analytics Platform",
        "Risk Management Application",
        "Mobile Banking Platform (iOS)",
        "Mobile Banking Platform (Android)",
        "Purchasing and Inventory Control System",
        "Security Administration System"
    ];

    maturityData = [
        [{ // Core Banking Application

            "app"  : applications[0],
            "axis" : CATEGORIES[0],
            "value": -1
        }, {
            "app"  : applications[0],
            "axis" : CATEGORIES[1],
            "value": -1
        }, {
            "app"  : applications[0],
            "axis" : CATEGORIES[2],
            "value": 1
        }, {
            "app"  : applications[0],
            "axis" : CATEGORIES[3],
            "value": -1
        }, {
            "app"  : applications[0],
            "axis" : CATEGORIES[4],
            "value": 0
        }, {
            "app"  : applications[0],
            "axis" : CATEGORIES[5],
            "value": 2
        }],
        [{ // Internet Banking Application

            "app"  : applications[1],
            "axis" : CATEGORIES[0],
            "value": 1
        }, {
            "app"  : applications[1],
            "axis" : CATEGORIES[1],
            "value": 0
        }, {
            "app"  : applications[1],
            "axis" : CATEGORIES[2],
            "value": 2
        }, {
            "app"  : applications[1],
            "axis" : CATEGORIES[3],
            "value": -1
        }, {
            "app"  : applications[1],
            "axis" : CATEGORIES[4],
            "value": 1
        }, {
            "app"  : applications[1],
            "axis" : CATEGORIES[5],
            "value": 0
        }],
        [{ // Human Resources Application

            "app"  : applications[2],
            "axis" : CATEGORIES[0],
            "value": 0
        }, {
            "app"  : applications[2],
            "axis" : CATEGORIES[1],
            "value": -1
        }, {
            "app"  : applications[2],
            "axis" : CATEGORIES[2],
            "value": 1
        }, {
            "app"  : applications[2],
            "axis" : CATEGORIES[3],
            "value": 1
        }, {
            "app"  : applications[2],
            "axis" : CATEGORIES[4],
            "value": 0
        }, {
            "app"  : applications[2],
            "axis" : CATEGORIES[5],
            "value": 0
        }],
        [{ // ATM Management Application

            "app"  : applications[3],
            "axis" : CATEGORIES[0],
            "value": 2
        }, {
            "app"  : applications[3],
            "axis" : CATEGORIES[1],
            "value": 0
        }, {
            "app"  : applications[3],
            "axis" : CATEGORIES[2],
            "value": 0
        }, {
            "app"  : applications[3],
            "axis" : CATEGORIES[3],
            "value": 2
        }, {
            "app"  : applications[3],
            "axis" : CATEGORIES[4],
            "value": 1
        }, {
            "app"  : applications[3],
            "axis" : CATEGORIES[5],
            "value": -1
        }],
        [{ // Equity Trading and Analytics Platform

            "app"  : applications[4],
            "axis" : CATEGORIES[0],
            "value": 1
        }, {
            "app"  : applications[4],
            "axis" : CATEGORIES[1],
            "value": -1
        }, {
            "app"  : applications[4],
            "axis" : CATEGORIES[2],
            "value": 0
        }, {
            "app"  : applications[4],
            "axis" : CATEGORIES[3],
            "value": 2
        }, {
            "app"  : applications[4],
            "axis" : CATEGORIES[4],
            "value": 0
        }, {
            "app"  : applications[4],
            "axis" : CATEGORIES[5],
            "value": -1
        }],
        [{ // Risk Management Application

            "app"  : applications[5],
            "axis" : CATEGORIES[0],
            "value": 2
        }, {
            "app"  : applications[5],
            "axis" : CATEGORIES[1],
            "value": 0
        }, {
            "app"  : applications[5],
            "axis" : CATEGORIES[2],
            "value": 1
        }, {
            "app"  : applications[5],
            "axis" : CATEGORIES[3],
            "value": 3
        }, {
            "app"  : applications[5],
            "axis" : CATEGORIES[4],
            "value": 1
        }, {
            "app"  : applications[5],
            "axis" : CATEGORIES[5],
            "value": 2
        }],
        [{ // Mobile Banking Platform (iOS)

            "app"  : applications[6],
            "axis" : CATEGORIES[0],
            "value": 2
        }, {
            "app"  : applications[6],
            "axis" : CATEGORIES[1],
            "value": -1
        }, {
            "app"  : applications[6],
            "axis" : CATEGORIES[2],
            "value": -1
        }, {
            "app"  : applications[6],
            "axis" : CATEGORIES[3],
            "value": -1
        }, {
            "app"  : applications[6],
            "axis" : CATEGORIES[4],
            "value": 1
        }, {
            "app"  : applications[6],
            "axis" : CATEGORIES[5],
            "value": 0
        }],
        [{ // Mobile Banking Platform (Android)

            "app"  : applications[7],
            "axis" : CATEGORIES[0],
            "value": 1
        }, {
            "app"  : applications[7],
            "axis" : CATEGORIES[1],
            "value": 0
        }, {
            "app"  : applications[7],
            "axis" : CATEGORIES[2],
            "value": 0
        }, {
            "app"  : applications[7],
            "axis" : CATEGORIES[3],
            "value": -1
        }, {
            "app"  : applications[7],
            "axis" : CATEGORIES[4],
            "value": 1
        }, {
            "app"  : applications[7],
            "axis" : CATEGORIES[5],
            "value": 2
        }],
        [{ // Purchasing and Inventory Control System

            "app"  : applications[8],
            "axis" : CATEGORIES[0],
            "value": -1
        }, {
            "app"  : applications[8],
            "axis" : CATEGORIES[1],
            "value": 1
        }, {
            "app"  : applications[8],
            "axis" : CATEGORIES[2],
            "value": 2
        }, {
            "app"  : applications[8],
            "axis" : CATEGORIES[3],
            "value": 1
        }, {
            "app"  : applications[8],
            "axis" : CATEGORIES[4],
            "value": 0
        }, {
            "app"  : applications[8],
            "axis" : CATEGORIES[5],
            "value": 1
        }],
        [{ // Security Administration System

            "app"  : applications[9],
            "axis" : CATEGORIES[0],
            "value": 1
        }, {
            "app"  : applications[9],
            "axis" : CATEGORIES[1],
            "value": 0
        }, {
            "app"  : applications[9],
            "axis" : CATEGORIES[2],
            "value": 2
        }, {
            "app"  : applications[9],
            "axis" : CATEGORIES[3],
            "value": 1
        }, {
            "app"  : applications[9],
            "axis" : CATEGORIES[4],
            "value": -1
        }, {
            "app"  : applications[9],
            "axis" : CATEGORIES[5],
            "value": 0
        }]
    ];

    return {
        pageTitle     : pageTitle,
        legendTitle   : legendTitle,
        referenceLink : referenceLink,
        maturityLevels: MATURITY_LEVELS,
        categories    : CATEGORIES,
        applications  : applications,
        maturityData  : maturityData
    };
});
